import type { Analyzer } from '../analysis/types.ts';
import { finding, guarded, modelFields } from './findings.ts';
import { modelRegistry } from './registry.ts';

const PARAMETERS = { window: 512, sampleRate: 16000, threshold: 0.5, negThreshold: 0.35, minSpeechMs: 250, minSilenceMs: 100, padMs: 30, maxSeconds: 3600 };

export const voiceAnalyzer: Analyzer = {
  id: 'voice-activity',
  version: '1.0.0',
  title: 'Voice activity (Silero VAD)',
  accepts: ['audio', 'video'],
  unavailable: () => modelRegistry().unavailable('silero-vad'),
  run: async (input) =>
    guarded(voiceAnalyzer, input, PARAMETERS, ['silero-vad'], async () => {
      input.progress(0);
      let result;
      try {
        result = await modelRegistry().run('vad', { vad: 'silero-vad' }, { path: input.path }, input.signal);
      } catch (e) {
        if (input.kind === 'video' && e instanceof Error && /does not contain any stream|matches no streams/i.test(e.message)) {
          return [finding(voiceAnalyzer, input, PARAMETERS, { ...modelFields('silero-vad'), label: 'voice.no-audio-track', severity: 'info', explanation: 'The video has no sound track.' })];
        }
        throw e;
      }
      input.progress(1);
      const n = result.segments.length;
      const pct = Math.round(result.speechRatio * 100);
      return [
        finding(voiceAnalyzer, input, PARAMETERS, {
          ...modelFields('silero-vad'),
          label: n ? 'voice.speech' : 'voice.no-speech',
          severity: 'info',
          explanation: n
            ? `Speech in ${n} stretch${n === 1 ? '' : 'es'}, ${result.speechSeconds.toFixed(1)} s of ${result.durationSeconds.toFixed(1)} s (${pct}%). This shows where someone talks, not who or what was said.`
            : `No speech was detected in ${result.durationSeconds.toFixed(1)} s of audio.`,
          data: { ...result, speechRatio: Math.round(result.speechRatio * 1000) / 1000, analysedSeconds: Math.min(result.durationSeconds, PARAMETERS.maxSeconds) },
        }),
      ];
    }),
};
