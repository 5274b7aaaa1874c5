/** Colour for a stream: off with NO_COLOR, TERM=dumb or when the stream is not a terminal. */
export function colourEnabled(stream: NodeJS.WriteStream = process.stderr): boolean {
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
}

const codes = {
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  dim: [2, 22],
  bold: [1, 22],
};
export type Colour = keyof typeof codes;

export function paint(text: string, colour: Colour, stream: NodeJS.WriteStream = process.stdout): string {
  if (!colourEnabled(stream)) return text;
  const [open, close] = codes[colour];
  return `\u001B[${open}m${text}\u001B[${close}m`;
}
