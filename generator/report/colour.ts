import { styleText } from 'node:util';

/** Styles the CLI uses; each returns its text unchanged when colour is off. */
export interface Palette {
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
}

/**
 * Whether to colour what goes to `stream`: only a terminal, never when `NO_COLOR` is set to
 * anything but the empty string (https://no-color.org), nor for `TERM=dumb`.
 */
export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** A palette that colours, or one that leaves text alone. */
export function palette(enabled: boolean): Palette {
  const style =
    (format: Parameters<typeof styleText>[0]) =>
    (text: string): string =>
      // The decision is made above; styleText must not make it again from process.stdout.
      enabled ? styleText(format, text, { validateStream: false }) : text;
  return {
    red: style('red'),
    green: style('green'),
    yellow: style('yellow'),
    cyan: style('cyan'),
    dim: style('dim'),
  };
}

/** The palette that never colours, for tests and non-terminals. */
export const plain: Palette = palette(false);
