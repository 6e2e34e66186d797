/** Percentile by nearest rank over a copy of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
}

/** Runs `work` once per input, in order, and returns its latency percentiles in milliseconds. */
export async function timeEach<T>(inputs: T[], work: (input: T) => Promise<unknown> | unknown): Promise<Latency> {
  const samples: number[] = [];
  for (const input of inputs) {
    const started = performance.now();
    await work(input);
    samples.push(performance.now() - started);
  }
  return { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), p99: round(percentile(samples, 99)) };
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes on Linux.
  return round(process.resourceUsage().maxRSS / 1024, 0);
}
