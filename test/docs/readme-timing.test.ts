// README.md's timing-test example is not prose: it is examples/uart/readme.test.ts, which the suite runs. This
// checks the README's block is that file's code, character for character (the file adds only its header comment).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The first ```ts block after the heading. */
function blockAfter(markdown: string, heading: string): string {
  const at = markdown.indexOf(`\n## ${heading}\n`);
  if (at < 0) throw new Error(`README.md has no "## ${heading}" section`);
  const open = markdown.indexOf('\n```ts\n', at);
  const close = markdown.indexOf('\n```\n', open + 1);
  return markdown.slice(open + '\n```ts\n'.length, close + 1);
}

describe('README timing example', () => {
  it('is examples/uart/readme.test.ts, which the suite runs', () => {
    const file = read('examples/uart/readme.test.ts').replace(/^(\/\/.*\n)+/, '');
    expect(blockAfter(read('README.md'), 'What a timing test looks like')).toBe(file);
  });
});
