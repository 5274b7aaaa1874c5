import type { Random } from '../random.js';

/**
 * Produces a string matching a regular expression, for ids such as `^WO-[0-9]{6}$`. Handles the
 * subset contracts use: literals, escapes (\d \w \s \.), classes ([A-Z0-9_-], [^...] as
 * letters), groups with alternation, and quantifiers (? * + {n} {n,m}). Returns undefined for
 * anything else (look-arounds, backreferences) or when the result does not match after all.
 */
export function sampleFromPattern(pattern: string, random: Random): string | undefined {
  try {
    const parser = new PatternParser(pattern.replace(/^\^/, '').replace(/\$$/, ''), random);
    const out = parser.alternation();
    return new RegExp(pattern, 'u').test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const WORD = `${UPPER}${LOWER}${DIGITS}_`;

class PatternParser {
  private at = 0;
  constructor(
    private readonly source: string,
    private readonly random: Random,
  ) {}

  alternation(): string {
    const options: (() => string)[] = [];
    const start = this.at;
    // Parse each branch once to find its extent, then re-parse only the chosen one.
    const branchStarts = [start];
    this.sequence(true);
    while (this.source[this.at] === '|') {
      this.at++;
      branchStarts.push(this.at);
      this.sequence(true);
    }
    const end = this.at;
    for (const branchStart of branchStarts) {
      options.push(() => {
        this.at = branchStart;
        return this.sequence(false);
      });
    }
    const out = this.random.pick(options)();
    this.at = end;
    return out;
  }

  private sequence(dryRun: boolean): string {
    let out = '';
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atomStart = this.at;
      this.atom(); // advance past the atom to read its quantifier
      const [min, max] = this.quantifier();
      const afterQuantifier = this.at;
      if (!dryRun) {
        const count = this.random.int(min, max);
        for (let i = 0; i < count; i++) {
          this.at = atomStart;
          out += this.atom();
        }
      }
      this.at = afterQuantifier;
    }
    return out;
  }

  private atom(): string {
    const char = this.source[this.at++];
    if (char === undefined) throw new Error('unexpected end');
    if (char === '(') {
      if (this.source[this.at] === '?') {
        if (this.source[this.at + 1] !== ':') throw new Error('look-around');
        this.at += 2;
      }
      const out = this.alternation();
      if (this.source[this.at++] !== ')') throw new Error('unclosed group');
      return out;
    }
    if (char === '[') return this.characterClass();
    if (char === '\\') return this.escape();
    if (char === '.') return this.random.pick(WORD);
    return char;
  }

  private escape(): string {
    const char = this.source[this.at++];
    if (char === 'd') return this.random.pick(DIGITS);
    if (char === 'w') return this.random.pick(WORD);
    if (char === 's') return ' ';
    if (char === undefined || /[1-9bBkpP]/.test(char)) throw new Error('unsupported escape');
    return char;
  }

  private characterClass(): string {
    const negated = this.source[this.at] === '^';
    if (negated) this.at++;
    const chars: string[] = [];
    while (this.source[this.at] !== ']') {
      if (this.at >= this.source.length) throw new Error('unclosed class');
      let char = this.source[this.at++] as string;
      if (char === '\\') {
        const escaped = this.source[this.at++];
        if (escaped === 'd') chars.push(...DIGITS);
        else if (escaped === 'w') chars.push(...WORD);
        else if (escaped === 's') chars.push(' ');
        else if (escaped !== undefined) chars.push(escaped);
        continue;
      }
      if (
        this.source[this.at] === '-' &&
        this.source[this.at + 1] !== ']' &&
        this.at + 1 < this.source.length
      ) {
        const to = this.source[this.at + 1] as string;
        this.at += 2;
        for (let code = char.charCodeAt(0); code <= to.charCodeAt(0); code++)
          chars.push(String.fromCharCode(code));
        continue;
      }
      chars.push(char);
      char = '';
    }
    this.at++;
    const pool = negated ? [...UPPER].filter((c) => !chars.includes(c)) : chars;
    if (pool.length === 0) throw new Error('empty class');
    return this.random.pick(pool);
  }

  private quantifier(): [number, number] {
    const char = this.source[this.at];
    if (char === '?') return (this.at++, [0, 1]);
    if (char === '*') return (this.at++, [0, 3]);
    if (char === '+') return (this.at++, [1, 3]);
    if (char === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
      if (!match) return [1, 1];
      this.at += match[0].length;
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] ? Number(match[3]) : min + 3;
      return [min, max];
    }
    return [1, 1];
  }
}
