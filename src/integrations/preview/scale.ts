/** Axis ticks: round numbers for values, round clock times for the time axis. */

/** About `count` round ticks covering [min, max] (1, 2, 2.5 or 5 times a power of ten apart). */
export function niceTicks(min: number, max: number, count = 5): { ticks: number[]; min: number; max: number } {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = lo; v <= hi + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { ticks, min: lo, max: hi };
}

const TIME_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

/** Clock-aligned ticks (unix seconds) between `from` and `to`, about `count` of them. */
export function timeTicks(from: number, to: number, count = 6): { ticks: number[]; stepSeconds: number } {
  const raw = (to - from) / count;
  const step = TIME_STEPS_S.find((s) => s >= raw) ?? TIME_STEPS_S[TIME_STEPS_S.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return { ticks, stepSeconds: step };
}

/** A time tick's label in UTC: HH:MM, with seconds when ticks are under a minute apart, with the date when a day or more. */
export function timeLabel(t: number, stepSeconds: number): string {
  const iso = new Date(t * 1000).toISOString();
  if (stepSeconds >= 86_400) return iso.slice(5, 10);
  return stepSeconds < 60 ? iso.slice(11, 19) : iso.slice(11, 16);
}
