// The command line's help, version and parse errors (issue 15 item 5), walked from the commander program itself so
// a command or option added later is covered too: `--help` lists every command, `<command> --help` and
// `help <command>` list every option of it, `--version` / `-V` print package.json's version, and an unknown option
// or command is named in the error, followed by everything the command accepts (exit 2).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, program } from '../../lib/cli/main.js';

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;
const commands = program({ out: () => {}, err: () => {} }).commands;

describe('kmdf-dma-sim --help, <command> --help, --version', () => {
  it('--help lists every command and the global options', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(commands.map((c) => c.name())).toEqual(expect.arrayContaining(['demo', 'selfcheck', 'init']));
    for (const c of commands) expect(r.out).toMatch(new RegExp(`^ {2}${c.name()}\\b.* {2,}\\S`, 'm'));
    expect(r.out).toContain('-V, --version');
    expect(r.out).toContain('-h, --help');
  });

  for (const c of commands) {
    it(`${c.name()} --help and help ${c.name()} list each of its ${c.options.length} options with a description`, async () => {
      const r = await cli(c.name(), '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Usage: kmdf-dma-sim ${c.name()}`);
      for (const o of c.options) {
        expect(o.description.length).toBeGreaterThan(10);
        expect(r.out).toContain(o.flags);
      }
      const flat = r.out.replace(/\s+/g, ' '); // commander wraps long descriptions
      for (const a of c.registeredArguments) expect(flat).toContain(a.description);
      expect((await cli('help', c.name())).out).toBe(r.out);
    });
  }

  it('--version and -V print the package version', async () => {
    expect(await cli('--version')).toEqual({ code: 0, out: `${version}\n`, err: '' });
    expect((await cli('-V')).out).toBe(`${version}\n`);
  });
});

describe('parse errors name what was wrong and what is accepted', () => {
  for (const c of commands) {
    it(`an unknown option of ${c.name()}`, async () => {
      const r = await cli(c.name(), ...(c.registeredArguments.some((a) => a.required) ? ['x'] : []), '--no-such-option');
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toContain("error: unknown option '--no-such-option'");
      expect(r.err).toContain(`kmdf-dma-sim ${c.name()}`);
      for (const o of c.options) expect(r.err).toContain(o.flags);
      expect(r.err).toContain(`run \`kmdf-dma-sim ${c.name()} --help\``);
    });
  }

  it('an unknown command or global option lists the commands', async () => {
    const cmd = await cli('dmeo');
    expect(cmd.code).toBe(2);
    expect(cmd.err).toContain("error: unknown command 'dmeo'");
    expect(cmd.err).toContain('(Did you mean demo?)');
    expect(cmd.err).toContain(`kmdf-dma-sim accepts the commands ${commands.map((c) => c.name()).join(', ')}, help [command]`);
    const opt = await cli('--verison');
    expect(opt.code).toBe(2);
    expect(opt.err).toContain("error: unknown option '--verison'");
    expect(opt.err).toContain('(Did you mean --version?)');
    expect(opt.err).toContain('-V, --version');
  });

  it('a bad choice names the option and the choices', async () => {
    const r = await cli('demo', '--vcd-buses', 'hex');
    expect(r.code).toBe(2);
    expect(r.err).toContain("error: option '--vcd-buses <how>' argument 'hex' is invalid. Allowed choices are vector, real.");
  });
});
