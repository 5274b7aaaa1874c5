import { fail, pass, skip, type Gate } from './gate.js';

/** The datasets and the model are on the data remote, so the release can be rebuilt. */
export const dataPushedGate: Gate = {
  name: 'data-pushed',
  evaluate({ gates, evidence }) {
    if (!gates.dataPushed) return skip('data-pushed', 'dataPushed is false');
    const data = evidence.data;
    if (!data) {
      return fail(
        'data-pushed',
        `could not check the data remote: ${evidence.unavailable.data ?? 'no result'}`,
        {},
      );
    }
    if (!data.pushed) {
      return fail(
        'data-pushed',
        `not pushed to the data remote: ${data.unpushed.join(', ')}; run "poc data push"`,
        { unpushed: data.unpushed },
      );
    }
    return pass('data-pushed', 'datasets and model are on the data remote', { lineage: data.lineage });
  },
};
