// Reads docs/getting-started.md the way test/docs/getting-started.test.ts runs it: the guide is a list of steps
// (`## Step N: …` sections), each a list of fenced code blocks, and every block is one of three kinds — `sh`
// (commands, one a line), `ts file=<path>` (a whole file to write) or `diff file=<path>` (hunks to apply). Anything
// else in a fence is an error, so no block of the guide can escape being run.

/** One fenced block of the guide. */
export type GuideBlock =
  | { kind: 'sh'; commands: string[]; line: number }
  | { kind: 'file'; path: string; text: string; line: number }
  | { kind: 'diff'; path: string; text: string; line: number };

export interface GuideStep {
  title: string;
  line: number;
  blocks: GuideBlock[];
}

/** The guide's steps, in order. Throws on a block of an unknown kind, a fence outside a step or an unclosed fence. */
export function parseGuide(markdown: string): GuideStep[] {
  const lines = markdown.split('\n');
  const steps: GuideStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = /^## (Step \d+: .+)$/.exec(line);
    if (heading) {
      steps.push({ title: heading[1]!, line: i + 1, blocks: [] });
      continue;
    }
    if (/^## /.test(line) && steps.length > 0 && !/^## Step/.test(line)) {
      // A section after the steps (say, "Where next") may have prose, but no code: it would not be run.
      steps.push({ title: `(after the steps) ${line.slice(3)}`, line: i + 1, blocks: [] });
      continue;
    }
    const fence = /^(`{3,})(.*)$/.exec(line);
    if (!fence) continue;
    const info = fence[2]!.trim();
    const start = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== fence[1]; i++) body.push(lines[i]!);
    if (i >= lines.length) throw new Error(`line ${start}: the code block is never closed`);
    const step = steps.at(-1);
    if (!step || step.title.startsWith('(after the steps)')) {
      throw new Error(`line ${start}: a code block outside the steps ('${info}'): every block must belong to a step, which runs it`);
    }
    const file = /^(ts|diff) file=(\S+)$/.exec(info);
    if (info === 'sh') {
      const commands = body.map((c) => c.replace(/\s+#.*$/, '').trim()).filter((c) => c !== '' && !c.startsWith('#'));
      step.blocks.push({ kind: 'sh', commands, line: start });
    } else if (file) {
      step.blocks.push({ kind: file[1] === 'ts' ? 'file' : 'diff', path: file[2]!, text: body.join('\n') + '\n', line: start });
    } else {
      throw new Error(`line ${start}: a code block of kind '${info}': the guide's blocks are 'sh', 'ts file=<path>' or 'diff file=<path>', so that each is run`);
    }
  }
  return steps.filter((s) => !s.title.startsWith('(after the steps)'));
}

/**
 * Applies a diff block to `original`: hunks start at lines beginning with `@@` (their line numbers, if any, are not
 * used); in a hunk, ' ' is context (an empty line is empty context), '-' a line removed, '+' a line added. Each
 * hunk's context and removed lines must occur exactly once in the file, and hunks apply in order.
 */
export function applyDiff(original: string, diff: string, where: string): string {
  const lines = diff.replace(/\n$/, '').split('\n');
  if (!lines[0]?.startsWith('@@')) throw new Error(`${where}: a diff block starts with an @@ hunk header`);
  const hunks: string[][] = [];
  for (const l of lines) {
    if (l.startsWith('@@')) hunks.push([]);
    else hunks.at(-1)!.push(l);
  }
  let text = original;
  let from = 0;
  hunks.forEach((hunk, h) => {
    const before: string[] = [];
    const after: string[] = [];
    for (const l of hunk) {
      const mark = l[0] ?? ' ';
      const rest = l.slice(1);
      if (mark === ' ') {
        before.push(rest);
        after.push(rest);
      } else if (mark === '-') before.push(rest);
      else if (mark === '+') after.push(rest);
      else throw new Error(`${where}, hunk ${h + 1}: a line must start with ' ', '-' or '+': ${JSON.stringify(l)}`);
    }
    const old = before.join('\n') + '\n';
    const at = text.indexOf(old);
    if (at < 0) throw new Error(`${where}, hunk ${h + 1}: its context and removed lines are not in the file:\n${old}`);
    if (text.indexOf(old, at + 1) >= 0) throw new Error(`${where}, hunk ${h + 1}: its context occurs more than once; give it more context:\n${old}`);
    if (at < from) throw new Error(`${where}, hunk ${h + 1}: it applies above the previous hunk; keep hunks in file order`);
    const replacement = after.join('\n') + '\n';
    text = text.slice(0, at) + replacement + text.slice(at + old.length);
    from = at + replacement.length;
  });
  return text;
}
