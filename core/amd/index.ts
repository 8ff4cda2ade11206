export { amdStep, defaultAmdOptions, initialAmdState, type AmdEvent, type AmdKind, type AmdOptions, type AmdState, type AmdVerdict } from './detector.ts';
export { EnergyVad, type SpeechSegment } from './energy-vad.ts';
export { classifyWords } from './phrases.ts';
export { BeepDetector, type Beep } from './tone.ts';
export { AmdListener } from './listener.ts';
