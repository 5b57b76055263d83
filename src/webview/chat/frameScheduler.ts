/** Something that renders its pending changes when a frame comes. */
export interface FrameRenderable {
  renderPending(): void;
}

/**
 * Batches rendering per animation frame: however many deltas arrive between two frames, each dirty
 * view renders once.
 */
export class FrameScheduler {
  private readonly dirty = new Set<FrameRenderable>();
  private frameRequested = false;

  constructor(
    private readonly window: Window,
    /** Runs after each frame's rendering (keeps the list scrolled to the bottom, saves view state). */
    private readonly afterRender: () => void,
  ) {}

  request(view: FrameRenderable): void {
    this.dirty.add(view);
    if (this.frameRequested) return;
    this.frameRequested = true;
    this.window.requestAnimationFrame(() => this.renderFrame());
  }

  /** Renders what is pending now (before replacing the whole list, so nothing renders into a detached view). */
  renderNow(): void {
    if (this.dirty.size > 0) this.renderFrame();
  }

  private renderFrame(): void {
    this.frameRequested = false;
    const views = [...this.dirty];
    this.dirty.clear();
    for (const view of views) view.renderPending();
    this.afterRender();
  }
}
