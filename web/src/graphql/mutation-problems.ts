import type { FormProblem } from '../components/error-summary';
import { withheldReason } from '../components/withheld';
import type { ApiError } from './client';

/**
 * Turns the API's answer to a form into error-summary lines. `fields` maps the API's field names
 * (VALIDATION_FAILED names them) to the ids of this form's inputs.
 */
export function problemsFrom(errors: readonly ApiError[], fields: Record<string, string> = {}): FormProblem[] {
  return errors.map((error) => {
    const code = error.extensions?.code;
    const named = [error.extensions?.field, ...(error.extensions?.fields ?? [])].filter((f): f is string => Boolean(f));
    const field = named.map((name) => fields[name] ?? fields[name.split('.').pop() ?? name]).find(Boolean);
    switch (code) {
      case 'VALIDATION_FAILED':
        return { field, text: field ? `Check ${labelOf(named[0])}: ${cleanMessage(error.message)}` : cleanMessage(error.message) };
      case 'CONFLICT':
        return { text: 'Someone changed this after you opened it. Reload the page to see the latest version, then try again.' };
      case 'INVALID_TRANSITION':
        return { text: `This cannot be done now: ${cleanMessage(error.message)}` };
      case 'FORBIDDEN':
        return { text: `You cannot do this. ${withheldReason(error.extensions?.reason)}` };
      case 'NOT_FOUND':
        return { text: 'This record was not found, or is no longer shared with you.' };
      case 'RATE_LIMITED':
        return { text: 'Too many requests: wait a minute and try again.' };
      default:
        return { text: error.message };
    }
  });
}

function labelOf(name: string | undefined): string {
  return (name ?? 'this field').split('.').pop()!.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

function cleanMessage(message: string): string {
  return message.replace(/^Invalid input:\s*/, '').replace(/:\s*$/, '') || 'the value is not valid';
}
