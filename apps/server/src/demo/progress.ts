// A one-line progress bar for long work (seeding); plain lines when the output is not a terminal.
import type { Writable } from 'node:stream';

export function progress(out: Writable, label: string, total: number) {
  let done = 0;
  const width = 30;
  const tty = Boolean((out as { isTTY?: boolean }).isTTY);
  const draw = () => {
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const line = `  ${label.padEnd(18)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (tty) out.write(`\r${line}`);
    else if (done === 0 || done === total) out.write(`${line}\n`);
  };
  draw();
  return {
    tick(n = 1) {
      done = Math.min(total, done + n);
      draw();
    },
    end() {
      if (done !== total) {
        done = total;
        draw();
      }
      if (tty) out.write('\n');
    },
  };
}
