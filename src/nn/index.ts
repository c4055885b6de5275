export { AssetEmbedding, type AssetEmbeddingArgs } from './assetEmbedding.js';
export {
  causalBias,
  MASK_LOGIT,
  mergeHeads,
  paddingBias,
  scaledDotAttention,
  setFusedAttention,
  splitHeads,
  useFusedAttention,
} from './attentionCore.js';
export {
  BACKEND_NAMES,
  type BackendInfo,
  type BackendName,
  backendInfo,
  initBackend,
  parseBackendName,
  wasmDistDir,
} from './backend.js';
export { BayesianLinear, type BayesianKwargs, type BayesianLinearArgs } from './bayesianLinear.js';
export {
  type Checkpoint,
  CONFIG_FILE,
  layerTensors,
  loadCheckpoint,
  restoreWeights,
  saveCheckpoint,
  WEIGHTS_FILE,
} from './checkpoint.js';
export { favorFeatures, orthogonalGaussian } from './favor.js';
export {
  type EpochMetrics,
  evaluateLoss,
  type TrainLoopArgs,
  type TrainLoopProgress,
  type TrainLoopResult,
  trainLoop,
  type TensorDataset,
} from './trainLoop.js';
export { fusedAttention, fusedSelfAttention } from './fusedAttention.js';
export { GatLayer, type GatLayerArgs } from './gatLayer.js';
export { GaussianHead, gaussianNll } from './gaussianHead.js';
export { type GradCheckResult, gradientCheck } from './gradCheck.js';
export { GcnLayer, GraphLayer, type GraphLayerArgs, normalizeAdjacency, propagate } from './graphConv.js';
export { GraphSageLayer, meanAdjacency } from './graphSage.js';
export { type InitKind, initValues, SeededInitializer } from './init.js';
export { type CallKwargs, CwmLayer, type CwmLayerArgs } from './layer.js';
export { LayerNorm, type LayerNormArgs } from './layerNorm.js';
export {
  LearnedPositionalEmbedding,
  type LearnedPositionalEmbeddingArgs,
} from './learnedPositionalEmbedding.js';
export {
  ACTIVATIONS,
  type Activation,
  activate,
  affine2d,
  dense,
  matMul2d,
  prefixSumTime,
} from './linear.js';
export { LinformerAttention, type LinformerAttentionArgs } from './linformerAttention.js';
export { McDropout, type McDropoutArgs } from './mcDropout.js';
export { MixtureHead, type MixtureHeadArgs, mixtureNll } from './mixtureHead.js';
export { Mlp, type MlpArgs } from './mlp.js';
export {
  type AttentionKwargs,
  MultiHeadAttention,
  type MultiHeadAttentionArgs,
} from './multiHeadAttention.js';
export { NoisyLinear, type NoisyKwargs, type NoisyLinearArgs } from './noisyLinear.js';
export {
  Adam,
  type AdamArgs,
  AdamW,
  clipByGlobalNorm,
  globalNorm,
  Optimizer,
  type OptimizerArgs,
  Sgd,
  type SgdArgs,
} from './optimizer.js';
export { type HeadArgs, ParametricHead } from './parametricHead.js';
export { PerformerAttention, type PerformerAttentionArgs } from './performerAttention.js';
export { pinballLoss, QuantileHead, type QuantileHeadArgs } from './quantileHead.js';
export { decodeSafetensors, encodeSafetensors, type SafeDtype, type SafeTensor } from './safetensors.js';
export { type LrSchedule, scheduleFactor, validateSchedule } from './schedules.js';
export { SelfAttentionLayer } from './selfAttentionLayer.js';
export { SinusoidalEncoding, type SinusoidalEncodingArgs, sinusoidTable } from './sinusoidalEncoding.js';
export { lgamma } from './specialFunctions.js';
export { StudentTHead, studentTNll } from './studentTHead.js';
export { Time2Vec, type Time2VecArgs } from './time2Vec.js';
export { TransformerBlock, type TransformerBlockArgs } from './transformerBlock.js';
export {
  attentionKernels,
  type Kernel,
  type KernelMemory,
  type KernelSet,
  kernelMemory,
  kernelModuleBytes,
} from './wasmKernels.js';
