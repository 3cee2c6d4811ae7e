// Property tests explore new inputs on every local run. In CI (CI=true) they all start from one seed,
// so a landing is reproducible and a rare counterexample is met at a developer's desk, where fast-check
// prints its seed and path to replay it, not at the merge. RECAP_FC_SEED picks another seed.
import * as fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: Number(process.env.RECAP_FC_SEED ?? 20261202) });
