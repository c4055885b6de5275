import * as tf from '@tensorflow/tfjs';
import { ACTIVATIONS, type Activation, dense } from './linear.js';
import { type CallKwargs, CwmLayer, type CwmLayerArgs, first } from './layer.js';
import { NnConfigError } from '../errors/nn.js';

/** Arguments of `Mlp`. */
export interface MlpArgs extends CwmLayerArgs {
  /** Widths of the hidden layers then the output layer, e.g. `[64, 64, 1]`. */
  units: number[];
  /** Activation of hidden layers. Default `relu`. */
  activation?: Activation;
  /** Activation of the output layer. Default `linear`. */
  outputActivation?: Activation;
}

/**
 * Multi-layer perceptron on the last axis: `[..., feature]` -> `[..., units.at(-1)]`, Glorot-uniform
 * kernels (Glorot and Bengio, 2010), zero biases. Every product runs through `matMul2d` (XNNPACK fast path).
 */
export class Mlp extends CwmLayer {
  static className = 'CwmMlp';
  readonly units: number[];
  readonly activation: Activation;
  readonly outputActivation: Activation;
  private kernels: tf.LayerVariable[] = [];
  private biases: tf.LayerVariable[] = [];

  constructor(args: MlpArgs) {
    super(args);
    if (!Array.isArray(args.units) || args.units.length === 0)
      throw new NnConfigError('Mlp', 'units', 'must be a non-empty array of layer widths');
    this.units = args.units.map((u, i) => this.checkInt(`units[${i}]`, u));
    this.activation = checkAct('activation', args.activation ?? 'relu');
    this.outputActivation = checkAct('outputActivation', args.outputActivation ?? 'linear');
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    let inDim = shape[shape.length - 1] as number;
    this.units.forEach((u, i) => {
      this.kernels.push(this.addSeededWeight(`kernel${i}`, [inDim, u], 'glorotUniform'));
      this.biases.push(this.addSeededWeight(`bias${i}`, [u], 'zeros'));
      inDim = u;
    });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: CallKwargs = {}): tf.Tensor {
    return tf.tidy(() => {
      let h = first(inputs);
      const last = this.units.length - 1;
      for (let i = 0; i <= last; i++)
        h = dense(
          h,
          this.kernels[i].read(),
          this.biases[i].read(),
          i === last ? this.outputActivation : this.activation,
        );
      return h;
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [...shape.slice(0, -1), this.units[this.units.length - 1]];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation,
      outputActivation: this.outputActivation,
    };
  }
}
tf.serialization.registerClass(Mlp);

function checkAct(arg: string, a: Activation): Activation {
  if (!ACTIVATIONS.includes(a))
    throw new NnConfigError('Mlp', arg, `unknown activation "${a}"; use ${ACTIVATIONS.join(', ')}`);
  return a;
}
