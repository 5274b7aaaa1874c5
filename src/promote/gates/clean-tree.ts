import { fail, pass, type Gate } from './gate.js';

/** The release is a pushed commit: no local changes, and HEAD on a remote branch. */
export const cleanTreeGate: Gate = {
  name: 'clean-tree',
  evaluate({ repo }) {
    const evidence = { commit: repo.commit.sha, dirty: repo.dirty.slice(0, 20), pushedTo: repo.pushedTo };
    if (repo.dirty.length > 0) {
      const shown = repo.dirty.slice(0, 5).join(', ');
      const more = repo.dirty.length > 5 ? ` and ${repo.dirty.length - 5} more` : '';
      return fail(
        'clean-tree',
        `the working tree has ${repo.dirty.length} uncommitted change${repo.dirty.length === 1 ? '' : 's'} (${shown}${more}); commit or stash them so the release is exactly a commit`,
        evidence,
      );
    }
    if (repo.remotes.length === 0) {
      return fail(
        'clean-tree',
        'the repository has no remote; push the commit so others can rebuild the release',
        evidence,
      );
    }
    if (repo.pushedTo.length === 0) {
      return fail(
        'clean-tree',
        `commit ${repo.commit.sha.slice(0, 12)} is not on any remote branch; run "git push" first`,
        evidence,
      );
    }
    return pass(
      'clean-tree',
      `commit ${repo.commit.sha.slice(0, 12)} is clean and pushed (${repo.pushedTo[0]})`,
      evidence,
    );
  },
};
