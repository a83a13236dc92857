import type {
  DesktopBridge,
  DesktopCallName,
  DesktopError,
  DesktopEvent,
  DesktopInput,
  DesktopOutput,
  DesktopResult,
} from '../../../src/desktop/contract';

type Answer<K extends DesktopCallName> = (
  input: DesktopInput<K>,
) => DesktopOutput<K> | DesktopError | Promise<DesktopOutput<K> | DesktopError>;

/** An answer that is a DesktopError (has a Vietnamese message) rather than a value. */
const isError = (value: unknown): value is DesktopError =>
  typeof value === 'object' && value !== null && 'messageVi' in value && 'code' in value;

/**
 * A DesktopBridge test double for screen tests: answers from the handlers it is given (a call
 * without one fails the test loudly), records every call, and emits app events on demand.
 */
export class FakeDesktopBridge implements DesktopBridge {
  readonly calls: { name: DesktopCallName; input: unknown }[] = [];
  private readonly answers = new Map<DesktopCallName, Answer<DesktopCallName>>();
  private readonly listeners = new Set<(event: DesktopEvent) => void>();

  /** Answers `name` with `answer(input)`: a value, or a DesktopError for a failed call. */
  answer<K extends DesktopCallName>(name: K, answer: Answer<K>): this {
    this.answers.set(name, answer as unknown as Answer<DesktopCallName>);
    return this;
  }

  callsOf(name: DesktopCallName): unknown[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.input);
  }

  async call<K extends DesktopCallName>(
    name: K,
    input: DesktopInput<K>,
  ): Promise<DesktopResult<DesktopOutput<K>>> {
    this.calls.push({ name, input });
    const answer = this.answers.get(name) as Answer<K> | undefined;
    if (!answer) throw new Error(`FakeDesktopBridge: no answer for ${name}`);
    const value = await answer(input);
    return isError(value) ? { ok: false, error: value } : { ok: true, value };
  }

  subscribe(listener: (event: DesktopEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DesktopEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
