/** Something to let go of; VS Code's `Disposable` has the same shape. */
export interface Disposable {
  dispose(): void;
}

/** A subscription function, shaped like `vscode.Event<T>` so core events can be handed to the editor's API as they are. */
export type Event<T> = (listener: (value: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

/**
 * A minimal event emitter for services in `src/core` (which cannot use `vscode.EventEmitter`). As in VS
 * Code, a listener that throws does not keep the others from being called; its error goes to `onListenerError`.
 */
export class Emitter<T> implements Disposable {
  private readonly listeners = new Set<(value: T) => unknown>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : listener.bind(thisArgs);
    this.listeners.add(bound);
    const subscription = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(subscription);
    return subscription;
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}
