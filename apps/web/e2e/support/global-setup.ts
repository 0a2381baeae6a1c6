// Browser tests serve the built apps: build them once per run, before any test starts its clock,
// and only when the sources changed since the last build.
import { buildApps } from '../../../../scripts/build-apps.ts';

export default function setup() {
  buildApps({ log: (l) => process.stdout.write(`${l}\n`) });
}
