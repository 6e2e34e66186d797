import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  perUser: number;
  perChannel: number;
  windowSeconds: number;
}

/** Per-user and per-channel request budgets; both must have room for a question to go through. */
export class ChatRateLimiter {
  private readonly users: RateLimiterMemory;
  private readonly channels: RateLimiterMemory;

  constructor(options: RateLimitOptions) {
    this.users = new RateLimiterMemory({ points: options.perUser, duration: options.windowSeconds });
    this.channels = new RateLimiterMemory({ points: options.perChannel, duration: options.windowSeconds });
  }

  /** Seconds to wait, or 0 when the request may go ahead (it is then counted). */
  async take(user: string, channel: string): Promise<number> {
    try {
      await this.users.consume(user);
    } catch (refusal) {
      return secondsOf(refusal);
    }
    try {
      await this.channels.consume(channel);
    } catch (refusal) {
      await this.users.reward(user);
      return secondsOf(refusal);
    }
    return 0;
  }
}

function secondsOf(refusal: unknown): number {
  const ms = (refusal as { msBeforeNext?: number }).msBeforeNext ?? 1000;
  return Math.max(1, Math.ceil(ms / 1000));
}
