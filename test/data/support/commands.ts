// The poc data command classes by name, for in-process runs and child processes alike.
import DataAdd from '../../../src/commands/data/add.js';
import DataCheckout from '../../../src/commands/data/checkout.js';
import DataGc from '../../../src/commands/data/gc.js';
import DataLog from '../../../src/commands/data/log.js';
import DataPull from '../../../src/commands/data/pull.js';
import DataPush from '../../../src/commands/data/push.js';
import DataStatus from '../../../src/commands/data/status.js';
import DataVerify from '../../../src/commands/data/verify.js';

export const commands = {
  add: DataAdd,
  status: DataStatus,
  push: DataPush,
  pull: DataPull,
  checkout: DataCheckout,
  verify: DataVerify,
  gc: DataGc,
  log: DataLog,
};
