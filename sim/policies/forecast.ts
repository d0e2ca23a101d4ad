/**
 * The stand-in for EC2 Auto Scaling predictive scaling's forecaster, whose model AWS does not publish ("machine
 * learning … daily and weekly patterns"). The forecast of an hour's load comes from the same hour of earlier days
 * inside the look-back (at most 14 days, only hours already observed), by one of three classical seasonal methods
 * (Hyndman & Athanasopoulos, Forecasting: Principles and Practice, 3rd ed., §5.2, https://otexts.com/fpp3/simple-methods.html):
 * - `daily-mean` (default): the mean of that hour of the day over the look-back — the average method per season;
 * - `daily-naive`: the same hour of the latest day observed — the seasonal naïve method, season 24 h;
 * - `weekly-naive`: the same hour of the latest week observed, season 168 h (the daily one with less than a week).
 * `docs/baselines.md` says which is the default and how much the comparison moves with the choice.
 */

export type ForecastModel = "daily-mean" | "daily-naive" | "weekly-naive";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * The forecast load of the hour starting at `hourMs`, from `observed` (hour start → load) restricted to hours in
 * [`fromMs`, `untilMs`); undefined when no earlier day has that hour.
 */
export function forecastHour(
  observed: ReadonlyMap<number, number>,
  hourMs: number,
  model: ForecastModel,
  fromMs: number,
  untilMs: number,
): number | undefined {
  const at = (t: number): number | undefined => (t >= fromMs && t < untilMs ? observed.get(t) : undefined);
  const latest = (season: number): number | undefined => {
    for (let t = hourMs - season; t >= fromMs; t -= season) {
      const v = at(t);
      if (v !== undefined) return v;
    }
    return undefined;
  };
  switch (model) {
    case "daily-naive":
      return latest(DAY);
    case "weekly-naive":
      return latest(WEEK) ?? latest(DAY);
    case "daily-mean": {
      let sum = 0;
      let n = 0;
      for (let t = hourMs - DAY; t >= fromMs; t -= DAY) {
        const v = at(t);
        if (v === undefined) continue;
        sum += v;
        n++;
      }
      return n > 0 ? sum / n : undefined;
    }
  }
}
