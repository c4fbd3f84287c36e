import DataLoader from 'dataloader';

/** Per-request DataLoaders, created on first use, so fields of many rows batch into one query. */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V | undefined> {
    let loader = this.loaders.get(name) as DataLoader<string, V | undefined> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V | undefined>(async (keys) => {
        const found = await batch(keys);
        return keys.map((k) => found.get(k));
      });
      this.loaders.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
