export { expectationOf, type TurnExpectation } from './expectation.ts';
export { dictatedDigits, judgeCompleteness, type Completeness, type CompletenessVerdict } from './completeness.ts';
