import type { Schema } from './wire.ts';
import { DURATION } from './grpc.ts';

/**
 * SaluteSpeech streaming recognition, `smartspeech.recognition.v2`, field by field from Sber's published
 * `recognitionv2.proto` (github.com/salute-developers/salute-speech, recognition/v2) and the "API потокового
 * распознавания (gRPC v2)" page of developers.sber.ru. Only numbers and types are kept; messages the agent-host never
 * meets (emotions, speaker and person info) are listed so a response carrying them still decodes.
 */
export const SALUTE_RECOGNITION_SERVICE = 'smartspeech.recognition.v2.SmartSpeech';
export const SALUTE_RECOGNITION_V2: Schema = {
  RecognitionRequest: { 1: ['options', 'RecognitionOptions'], 2: ['audio_chunk', 'bytes'] },
  RecognitionOptions: {
    1: ['audio_encoding', 'enum'],
    2: ['sample_rate', 'int32'],
    3: ['channels_count', 'int32'],
    4: ['language', 'string'],
    5: ['model', 'string'],
    6: ['enable_multi_utterance', 'OptionalBool'],
    7: ['enable_partial_results', 'OptionalBool'],
    8: ['hypotheses_count', 'int32'],
    9: ['no_speech_timeout', 'Duration'],
    10: ['max_speech_timeout', 'Duration'],
    11: ['hints', 'Hints'],
    12: ['speaker_separation_options', 'SpeakerSeparationOptions'],
    13: ['normalization_options', 'NormalizationOptions'],
    14: ['insight_models', 'string', 'repeated'],
    15: ['enable_vad', 'OptionalBool'],
    16: ['custom_ws_flow_control', 'OptionalBool'],
    17: ['enable_long_utterances', 'OptionalBool'],
    18: ['truncate_last_punctuation', 'string', 'repeated'],
  },
  OptionalBool: { 1: ['enable', 'bool'] },
  Hints: { 1: ['words', 'string', 'repeated'], 2: ['enable_letters', 'bool'], 3: ['eou_timeout', 'Duration'] },
  SpeakerSeparationOptions: { 1: ['enable', 'bool'], 2: ['enable_only_main_speaker', 'bool'], 3: ['count', 'int32'] },
  NormalizationOptions: {
    1: ['enable', 'OptionalBool'],
    2: ['profanity_filter', 'OptionalBool'],
    3: ['punctuation', 'OptionalBool'],
    4: ['capitalization', 'OptionalBool'],
    5: ['question', 'OptionalBool'],
    6: ['force_cyrillic', 'OptionalBool'],
  },
  Duration: DURATION,
  // responses: a oneof of transcription | backend_info | insight | vad
  RecognitionResponse: { 1: ['transcription', 'Transcription'], 2: ['backend_info', 'BackendInfo'], 3: ['insight', 'InsightResult'], 4: ['vad', 'VADResult'] },
  Transcription: {
    1: ['channel', 'int32'],
    2: ['results', 'Hypothesis', 'repeated'],
    3: ['eou', 'bool'],
    4: ['eou_reason', 'enum'],
    5: ['processed_audio_start', 'Duration'],
    6: ['processed_audio_end', 'Duration'],
    7: ['emotions_result', 'Emotions'],
    8: ['speaker_info', 'SpeakerInfo'],
    9: ['person_identity', 'PersonIdentity'],
  },
  Hypothesis: {
    1: ['text', 'string'],
    2: ['normalized_text', 'string'],
    3: ['start', 'Duration'],
    4: ['end', 'Duration'],
    5: ['word_alignments', 'WordAlignment', 'repeated'],
  },
  WordAlignment: { 1: ['word', 'string'], 2: ['start', 'Duration'], 3: ['end', 'Duration'] },
  Emotions: Object.fromEntries(['positive', 'neutral', 'negative', 'positive_a', 'neutral_a', 'negative_a', 'positive_t', 'neutral_t', 'negative_t'].map((n, i) => [i + 1, [n, 'float']])),
  SpeakerInfo: { 1: ['speaker_id', 'int32'], 2: ['main_speaker_confidence', 'float'] },
  PersonIdentity: { 1: ['age', 'enum'], 2: ['gender', 'enum'], 3: ['age_score', 'float'], 4: ['gender_score', 'float'] },
  BackendInfo: { 1: ['model_name', 'string'], 2: ['model_version', 'string'], 3: ['server_version', 'string'] },
  InsightResult: { 10: ['insight_result', 'string'] },
  VADResult: { 1: ['channel', 'int32'], 2: ['processed_audio_time', 'Duration'], 3: ['utterance_detection_time', 'Duration'] },
};
/** `RecognitionOptions.AudioEncoding` and `EouReason` values of the official schema. */
export const SALUTE_AUDIO_ENCODING = { PCM_S16LE: 1, OPUS: 2, MP3: 3, FLAC: 4, ALAW: 5, MULAW: 6, G729: 7 } as const;
export const SALUTE_EOU_REASON = { UNSPECIFIED: 0, ORGANIC: 1, NO_SPEECH_TIMEOUT: 2, MAX_SPEECH_TIMEOUT: 3 } as const;

/** SaluteSpeech synthesis, `smartspeech.synthesis.v1`, from Sber's published `synthesis/v1/synthesis.proto` (same repository). */
export const SALUTE_SYNTHESIS_SERVICE = 'smartspeech.synthesis.v1.SmartSpeech';
export const SALUTE_SYNTHESIS_V1: Schema = {
  SynthesisRequest: { 1: ['text', 'string'], 2: ['audio_encoding', 'enum'], 3: ['language', 'string'], 4: ['content_type', 'enum'], 5: ['voice', 'string'], 6: ['rebuild_cache', 'bool'] },
  SynthesisResponse: { 1: ['data', 'bytes'], 2: ['audio_duration', 'Duration'] },
  Duration: DURATION,
};
export const SALUTE_SYNTHESIS_ENCODING = { PCM_S16LE: 1, OPUS: 2, WAV: 3 } as const;
export const SALUTE_CONTENT_TYPE = { TEXT: 0, SSML: 1 } as const;
