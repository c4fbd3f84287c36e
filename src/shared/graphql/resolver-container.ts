import type { ContainerType } from 'type-graphql';

type Constructor = abstract new (...args: never[]) => unknown;

/** Hands type-graphql resolver instances built with their services; an unregistered class is a bug. */
export class ResolverContainer implements ContainerType {
  private readonly instances = new Map<Constructor, unknown>();

  register<T extends object>(instance: T): this {
    this.instances.set(instance.constructor as Constructor, instance);
    return this;
  }

  get(someClass: Constructor): unknown {
    const instance = this.instances.get(someClass);
    if (!instance) throw new Error(`resolver ${someClass.name} was not registered`);
    return instance;
  }

  get resolverClasses(): [Function, ...Function[]] {
    const classes = [...this.instances.keys()] as Function[];
    if (classes.length === 0) throw new Error('no resolvers registered');
    return classes as [Function, ...Function[]];
  }
}
