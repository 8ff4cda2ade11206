import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Real-time audio calls (about a minute each, mostly waiting on the audio clock) start first, so they
 * overlap with the CPU-bound files instead of running last and adding their whole length to the run.
 */
const REAL_TIME = [/\/test\/sip\/.*\.test\.ts$/, /\/test\/agent-host\/audio\/(plain|telephone)-line\.test\.ts$/, /audio-harness\.test\.ts$/];

export default class RealTimeFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const realTime = (f: TestSpecification) => REAL_TIME.some((re) => re.test(f.moduleId));
    return [...sorted.filter(realTime), ...sorted.filter((f) => !realTime(f))];
  }
}
