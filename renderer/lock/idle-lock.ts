/**
 * Calls `onIdle` once no keyboard or pointer activity has been seen for `timeoutMs`.
 * Why a last-activity time and a timer that checks it, rather than restarting the
 * timer on each event: pointer moves come by the hundred a second.
 */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export class IdleLock {
  private last = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onActivity = () => {
    this.last = Date.now();
  };

  constructor(
    private readonly target: EventTarget,
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {}

  start(): void {
    this.last = Date.now();
    for (const type of ACTIVITY_EVENTS) this.target.addEventListener(type, this.onActivity, { passive: true, capture: true });
    this.arm(this.timeoutMs);
  }

  stop(): void {
    for (const type of ACTIVITY_EVENTS) this.target.removeEventListener(type, this.onActivity, { capture: true });
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(delay: number): void {
    this.timer = setTimeout(() => {
      const idle = Date.now() - this.last;
      if (idle >= this.timeoutMs) {
        this.stop();
        this.onIdle();
      } else {
        this.arm(this.timeoutMs - idle);
      }
    }, delay);
  }
}
