import type { FactorSpec } from '../spec.js';
import { basisCarry } from './basis_carry.js';
import { futuresBasis } from './futures_basis.js';
import { gammaExposureFactor } from './gamma_exposure.js';
import { perpFunding } from './perp_funding.js';
import { volSurface } from './vol_surface.js';

/** The derivatives factors of the catalogue, in the seed's order (one file per factor in this folder). */
export const derivativesFactors: FactorSpec[] = [
  futuresBasis,
  gammaExposureFactor,
  perpFunding,
  basisCarry,
  volSurface,
];
