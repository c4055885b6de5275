/** Hourly world-state inputs to the sentiment indices. */
export interface SentimentInputs {
  /** Log return of the lead asset over the hour. */
  logReturn: number;
  /** Traded volume of the lead asset over the hour (base units). */
  volume: number;
  /** Social mood in [-1, 1]. */
  mood: number;
  /** Number of news/social items in the hour. */
  newsCount: number;
  /** Number of protocol-upgrade items in the hour. */
  upgrades: number;
}

/**
 * Fear & Greed-style index (0 extreme fear .. 100 extreme greed), search interest (0..100) and developer
 * activity (commits per day) computed from world state. The Fear & Greed composite follows alternative.me's
 * published recipe in spirit: volatility (25%), momentum/volume (25%), social (15%), dominance/trends (rest),
 * here as volatility vs its long average, price vs its 30-day EMA, volume vs its average, and mood.
 */
export class SentimentIndices {
  fearGreed = 50;
  searchInterest = 20;
  devActivity = 120;
  private logPrice = 0;
  private emaPrice30d = 0;
  private var24h = 1e-5;
  private var30d = 1e-5;
  private vol30d = 0;
  private vol7d = 0;
  private news7d = 0;

  /** Advances one hour. */
  hour(x: SentimentInputs): void {
    const a24 = 1 / 24;
    const a30 = 1 / 720;
    const r2 = x.logReturn * x.logReturn;
    this.logPrice += x.logReturn;
    this.emaPrice30d += a30 * (this.logPrice - this.emaPrice30d);
    this.var24h += a24 * (r2 - this.var24h);
    this.var30d += a30 * (r2 - this.var30d);
    this.vol7d += (1 / 168) * (x.volume - this.vol7d);
    this.vol30d += a30 * (x.volume - this.vol30d);
    this.news7d += (1 / 168) * (x.newsCount - this.news7d);
    const volScore = sigmoid(-2 * Math.log(Math.sqrt(this.var24h / this.var30d)));
    const momScore = sigmoid(8 * (this.logPrice - this.emaPrice30d));
    const volmScore = sigmoid(
      Math.log((this.vol7d + 1e-9) / (this.vol30d + 1e-9)) * 2 * Math.sign(momScore - 0.5),
    );
    const moodScore = (x.mood + 1) / 2;
    const target = 100 * (0.25 * volScore + 0.3 * momScore + 0.15 * volmScore + 0.3 * moodScore);
    this.fearGreed += 0.1 * (target - this.fearGreed);
    const attention = Math.abs(this.logPrice - this.emaPrice30d) * 60 + Math.sqrt(this.var24h) * 800;
    const level = 100 * (1 - Math.exp(-(10 + attention + 2 * this.news7d) / 100));
    this.searchInterest += 0.05 * (level - this.searchInterest);
    this.devActivity += 0.01 * (120 - this.devActivity) + 5 * x.upgrades;
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
