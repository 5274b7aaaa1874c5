import type { Deployer, DeploySession } from './deployer.js';
import { GitopsDeployer } from './gitops.js';
import { HelmDeployer } from './helm.js';

export type { Deployer, DeployRequest, DeployResult, DeploySession, UndoResult } from './deployer.js';

export function createDeployer(session: DeploySession): Deployer {
  return session.env.deployer === 'gitops' ? new GitopsDeployer(session) : new HelmDeployer(session);
}
