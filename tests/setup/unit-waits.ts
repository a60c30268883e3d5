import { configure } from '@testing-library/dom';

// findBy* and waitFor resolve as soon as what they wait for appears; the timeout is
// only how long to wait before calling it a failure. The 1 s default was too short
// for a loaded 2-core CI machine rendering a large form in jsdom.
configure({ asyncUtilTimeout: 15_000 });
