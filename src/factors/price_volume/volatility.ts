import {
  $,
  add,
  div,
  garchVol,
  lag,
  log,
  logRet,
  mean,
  mul,
  param,
  sqrt,
  square,
  std,
  sub,
  variance,
} from '../dsl.js';
import type { Expr } from '../expr.js';
import { barInput, daysToRows, seriesInput } from '../inputs.js';
import { DAY_MS, type FactorSpec } from '../spec.js';

const LN2 = Math.log(2);

/** Rows of the realized-volatility window: 30 days of grid rows. */
export const VOL_WINDOW_DAYS = 30;

/**
 * Range-based variance terms per bar, in log units: Parkinson, Garman-Klass, Rogers-Satchell, and the
 * overnight and open-to-close returns used by Yang-Zhang.
 */
export function volTerms(o: Expr, h: Expr, l: Expr, c: Expr) {
  const hl = square(log(div(h, l)));
  const co = square(log(div(c, o)));
  const rs = add(mul(log(div(h, c)), log(div(h, o))), mul(log(div(l, c)), log(div(l, o))));
  return {
    cc: logRet(c, 1),
    parkinson: div(hl, 4 * LN2),
    garmanKlass: sub(mul(hl, 0.5), mul(co, 2 * LN2 - 1)),
    rogersSatchell: rs,
    overnight: log(div(o, lag(c, 1))),
    openClose: log(div(c, o)),
  };
}

/**
 * Annualized volatility estimators over `n` rows, `periodsPerYear` rows a year.
 * Yang-Zhang uses k = 0.34 / (1.34 + (n + 1)/(n - 1)) and ddof-1 variances of the overnight and
 * open-to-close log returns (textbook form).
 */
export function volEstimators(o: Expr, h: Expr, l: Expr, c: Expr, n: number, periodsPerYear: Expr) {
  const t = volTerms(o, h, l, c);
  const k = 0.34 / (1.34 + (n + 1) / (n - 1));
  const ann = (variancePerRow: Expr) => sqrt(mul(variancePerRow, periodsPerYear));
  const rs = mean(t.rogersSatchell, n);
  return {
    cc: mul(std(t.cc, n), sqrt(periodsPerYear)),
    parkinson: ann(mean(t.parkinson, n)),
    garmanKlass: ann(mean(t.garmanKlass, n)),
    rogersSatchell: ann(rs),
    yangZhang: ann(add(add(variance(t.overnight, n), mul(variance(t.openClose, n), k)), mul(rs, 1 - k))),
  };
}

/**
 * Realized volatility (close-to-close, Parkinson, Garman-Klass, Rogers-Satchell, Yang-Zhang), GARCH(1,1)
 * conditional volatility by maximum likelihood, and implied volatility (Deribit DVOL) where present.
 */
export const volatility: FactorSpec = {
  id: 'volatility',
  category: 'price_volume',
  name: 'Price volatility (realized, implied, GARCH models)',
  definition:
    'Annualized (sqrt of grid rows per 365-day year) volatility over n = 30 days of rows: value = close-to-close ' +
    'std(ln C_t/C_{t-1}, ddof 1); parkinson = sqrt(mean(ln(H/L)^2)/(4 ln 2)); garman_klass = sqrt(mean(0.5 ln(H/L)^2 ' +
    '- (2 ln 2 - 1) ln(C/O)^2)); rogers_satchell = sqrt(mean(ln(H/C)ln(H/O) + ln(L/C)ln(L/O))); yang_zhang = ' +
    'sqrt(var(ln O_t/C_{t-1}) + k var(ln C_t/O_t) + (1 - k) RS), k = 0.34/(1.34 + (n+1)/(n-1)); garch = one-step-ahead ' +
    'GARCH(1,1) conditional volatility (constant mean, normal errors, arch backcast) fitted by maximum likelihood on ' +
    'the last min(2000, 1 year) returns known at the time, refitted every 180 days; implied = Deribit DVOL (decimal).',
  reference:
    'Parkinson (1980); Garman & Klass (1980); Rogers & Satchell (1991); Yang & Zhang (2000) J. Business 73; Bollerslev (1986).',
  inputs: [
    barInput('open', 'open'),
    barInput('high', 'high'),
    barInput('low', 'low'),
    barInput('close', 'close'),
    seriesInput('dvol', 'options', 'dvol', 0, 2 * DAY_MS, { optional: true }),
  ],
  frequency: 'grid',
  unit: 'annualized decimal',
  outputs: [
    { name: 'value', unit: 'annualized decimal', description: 'close-to-close volatility, 30 days' },
    { name: 'parkinson', unit: 'annualized decimal', description: 'Parkinson high-low volatility' },
    { name: 'garman_klass', unit: 'annualized decimal', description: 'Garman-Klass volatility' },
    { name: 'rogers_satchell', unit: 'annualized decimal', description: 'Rogers-Satchell volatility' },
    { name: 'yang_zhang', unit: 'annualized decimal', description: 'Yang-Zhang volatility' },
    { name: 'garch', unit: 'annualized decimal', description: 'GARCH(1,1) one-step-ahead volatility' },
    { name: 'implied', unit: 'annualized decimal', description: 'implied volatility (Deribit DVOL)' },
  ],
  expr: (p) => {
    const n = daysToRows(VOL_WINDOW_DAYS, p.barsPerDay, 3);
    const est = volEstimators($('open'), $('high'), $('low'), $('close'), n, param('barsPerYear'));
    const window = Math.min(2000, Math.max(250, Math.round(365 * p.barsPerDay)));
    const g = garchVol(logRet($('close'), 1), window, daysToRows(180, p.barsPerDay), Math.min(window, 250));
    return {
      value: est.cc,
      parkinson: est.parkinson,
      garman_klass: est.garmanKlass,
      rogers_satchell: est.rogersSatchell,
      yang_zhang: est.yangZhang,
      garch: mul(g, sqrt(param('barsPerYear'))),
      implied: $('dvol'),
    };
  },
};
