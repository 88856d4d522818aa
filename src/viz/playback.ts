import { MAX_SIM_TIME_MS } from '../common/index.js';
import type { LiveWorld } from './live-world.js';
import type { PlaybackState } from './protocol.js';

/** Real milliseconds between clock advances while playing: 20 advances a second keeps animation smooth and cheap. */
export const PLAYBACK_TICK_MS = 50;

/** Default real-time multiple: one simulated minute per real second, so a 5-minute gateway provision takes 5 s. */
export const DEFAULT_SPEED = 60;

/** Options of a playback controller. */
export interface PlaybackOptions {
  speed?: number | undefined;
  /** Called after anything that changes the playback state or moves the clock. */
  onChange: (state: PlaybackState) => void;
  /** Called when the world throws while advancing; playback pauses so the server stays up. */
  onError: (error: unknown) => void;
  /** Real-time source in ms (injectable for tests). */
  realNowMs?: (() => number) | undefined;
}

/**
 * Drives a world's simulated clock at a multiple of real time, with pause, step (jump to the next due event) and
 * seek forward. The simulated clock never runs backwards: the page rewinds its own view from the log instead.
 */
export class Playback {
  private readonly world: LiveWorld;
  private readonly options: PlaybackOptions;
  private readonly realNowMs: () => number;
  private speed: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private lastRealMs = 0;

  /** Creates a paused controller. */
  constructor(world: LiveWorld, options: PlaybackOptions) {
    this.world = world;
    this.options = options;
    this.speed = options.speed ?? DEFAULT_SPEED;
    this.realNowMs = options.realNowMs ?? (() => performance.now());
  }

  /** Whether the clock is running. */
  get isPlaying(): boolean {
    return this.timer !== undefined;
  }

  /** The state the page shows. */
  state(): PlaybackState {
    return { playing: this.isPlaying, speed: this.speed, timeMs: this.world.now(), nextEventMs: this.world.nextEventTime() ?? null };
  }

  /** Starts (or keeps) running, optionally at a new speed. */
  play(speed?: number): void {
    if (speed !== undefined) this.speed = speed;
    if (this.timer === undefined && this.world.nextEventTime() !== undefined) {
      this.lastRealMs = this.realNowMs();
      this.timer = setInterval(() => this.tick(), PLAYBACK_TICK_MS);
    }
    this.options.onChange(this.state());
  }

  /** Stops the clock where it is. */
  pause(): void {
    this.stopTimer();
    this.options.onChange(this.state());
  }

  /** Jumps the clock to the next due event and pauses there. */
  step(): void {
    this.stopTimer();
    const next = this.world.nextEventTime();
    if (next !== undefined) this.advance(Math.max(next, this.world.now()));
    this.options.onChange(this.state());
  }

  /** Runs the clock forward to `timeMs`; a time already passed leaves the clock where it is. */
  seek(timeMs: number): void {
    if (timeMs > this.world.now()) this.advance(timeMs);
    this.options.onChange(this.state());
  }

  /** Stops the real-time timer for good. */
  dispose(): void {
    this.stopTimer();
  }

  private tick(): void {
    const realMs = this.realNowMs();
    const target = this.world.now() + (realMs - this.lastRealMs) * this.speed;
    this.lastRealMs = realMs;
    this.advance(target);
    // With nothing left to fire the clock would only count up; pausing tells the page the scenario has played out.
    if (this.world.nextEventTime() === undefined || this.world.now() >= MAX_SIM_TIME_MS) this.stopTimer();
    this.options.onChange(this.state());
  }

  // Playing at top speed reaches the end of simulated time in minutes: the clock stops there (src/common/limits.ts).
  private advance(timeMs: number): void {
    try {
      this.world.advanceTo(Math.floor(Math.min(timeMs, MAX_SIM_TIME_MS)));
    } catch (error) {
      this.stopTimer();
      this.options.onError(error);
    }
  }

  private stopTimer(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
