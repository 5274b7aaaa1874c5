import { Flags } from '@oclif/core';

/** How long each cluster may take: shared by promote and rollback, which deploy the same way. */
export const deployFlags = {
  timeout: Flags.string({ summary: "Helm's --timeout for each cluster.", default: '5m' }),
  'verify-timeout': Flags.integer({
    summary: "Seconds to wait for a cluster's health URL to answer 2xx.",
    default: 120,
    min: 1,
  }),
};
