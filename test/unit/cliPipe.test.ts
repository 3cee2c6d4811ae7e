import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { FIXTURES } from './helpers';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

describe('recap CLI in a pipeline', () => {
  it('stops quietly when the reader closes the pipe early (`recap check … | head -1`)', async function () {
    this.timeout(60000);
    // Enough findings to fill more than one pipe buffer.
    const child = spawn(process.execPath, [CLI, 'check', '--offline', ...Array.from({ length: 200 }, () => path.join(FIXTURES, 'site', 'content', 'posts', 'broken.md'))], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', chunk => { stderr += String(chunk); });
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>(resolve => child.on('close', resolve));
    assert.doesNotMatch(stderr, /EPIPE|Error:|at /, 'no stack trace');
    assert.ok(code === 0 || code === 1, `exit ${code}`);
  });
});
