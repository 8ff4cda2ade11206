import type { Schema } from './wire.ts';

/**
 * Yandex SpeechKit API v3, field by field from the published `yandex/cloud/ai/stt/v3/stt.proto`,
 * `stt_service.proto`, `tts/v3/tts.proto` and `tts_service.proto` (github.com/yandex-cloud/cloudapi), package
 * `speechkit.stt.v3` / `speechkit.tts.v3`. Everything a streaming request may carry is listed; of the responses, the
 * messages a recognizer sends to a real-time client (classifier and analysis updates are left out: we never enable them).
 */
export const SPEECHKIT_STT_SERVICE = 'speechkit.stt.v3.Recognizer';
export const SPEECHKIT_STT_V3: Schema = {
  StreamingRequest: { 1: ['session_options', 'StreamingOptions'], 2: ['chunk', 'AudioChunk'], 3: ['silence_chunk', 'SilenceChunk'], 4: ['eou', 'Eou'] },
  StreamingOptions: {
    1: ['recognition_model', 'RecognitionModelOptions'],
    2: ['eou_classifier', 'EouClassifierOptions'],
    3: ['recognition_classifier', 'RecognitionClassifierOptions'],
    4: ['speech_analysis', 'SpeechAnalysisOptions'],
    5: ['speaker_labeling', 'SpeakerLabelingOptions'],
  },
  RecognitionModelOptions: {
    1: ['model', 'string'],
    2: ['audio_format', 'AudioFormatOptions'],
    3: ['text_normalization', 'TextNormalizationOptions'],
    4: ['language_restriction', 'LanguageRestrictionOptions'],
    5: ['audio_processing_type', 'enum'],
  },
  AudioFormatOptions: { 1: ['raw_audio', 'RawAudio'], 2: ['container_audio', 'ContainerAudio'] },
  RawAudio: { 1: ['audio_encoding', 'enum'], 2: ['sample_rate_hertz', 'int64'], 3: ['audio_channel_count', 'int64'] },
  ContainerAudio: { 1: ['container_audio_type', 'enum'] },
  TextNormalizationOptions: { 1: ['text_normalization', 'enum'], 2: ['profanity_filter', 'bool'], 3: ['literature_text', 'bool'], 4: ['phone_formatting_mode', 'enum'] },
  LanguageRestrictionOptions: { 1: ['restriction_type', 'enum'], 2: ['language_code', 'string', 'repeated'] },
  EouClassifierOptions: { 1: ['default_classifier', 'DefaultEouClassifier'], 2: ['external_classifier', 'ExternalEouClassifier'] },
  DefaultEouClassifier: { 1: ['type', 'enum'], 2: ['max_pause_between_words_hint_ms', 'int64'] },
  ExternalEouClassifier: {},
  RecognitionClassifierOptions: { 1: ['classifiers', 'RecognitionClassifier', 'repeated'] },
  RecognitionClassifier: { 1: ['classifier', 'string'], 2: ['triggers', 'enum', 'repeated'] },
  SpeechAnalysisOptions: { 1: ['enable_speaker_analysis', 'bool'], 2: ['enable_conversation_analysis', 'bool'], 3: ['descriptive_statistics_quantiles', 'double', 'repeated'] },
  SpeakerLabelingOptions: { 1: ['speaker_labeling', 'enum'] },
  AudioChunk: { 1: ['data', 'bytes'] },
  SilenceChunk: { 1: ['duration_ms', 'int64'] },
  Eou: {},
  StreamingResponse: {
    1: ['session_uuid', 'SessionUuid'],
    2: ['audio_cursors', 'AudioCursors'],
    3: ['response_wall_time_ms', 'int64'],
    4: ['partial', 'AlternativeUpdate'],
    5: ['final', 'AlternativeUpdate'],
    6: ['eou_update', 'EouUpdate'],
    7: ['final_refinement', 'FinalRefinement'],
    8: ['status_code', 'StatusCode'],
    9: ['channel_tag', 'string'],
  },
  SessionUuid: { 1: ['uuid', 'string'], 2: ['user_request_id', 'string'] },
  AudioCursors: {
    1: ['received_data_ms', 'int64'], 2: ['reset_time_ms', 'int64'], 3: ['partial_time_ms', 'int64'],
    4: ['final_time_ms', 'int64'], 5: ['final_index', 'int64'], 6: ['eou_time_ms', 'int64'],
  },
  AlternativeUpdate: { 1: ['alternatives', 'Alternative', 'repeated'], 2: ['channel_tag', 'string'] },
  Alternative: {
    1: ['words', 'Word', 'repeated'], 2: ['text', 'string'], 3: ['start_time_ms', 'int64'],
    4: ['end_time_ms', 'int64'], 5: ['confidence', 'double'], 6: ['languages', 'LanguageEstimation', 'repeated'],
  },
  Word: { 1: ['text', 'string'], 2: ['start_time_ms', 'int64'], 3: ['end_time_ms', 'int64'] },
  LanguageEstimation: { 1: ['language_code', 'string'], 2: ['probability', 'double'] },
  EouUpdate: { 2: ['time_ms', 'int64'] },
  FinalRefinement: { 1: ['final_index', 'int64'], 2: ['normalized_text', 'AlternativeUpdate'] },
  StatusCode: { 1: ['code_type', 'enum'], 2: ['message', 'string'] },
};
export const SPEECHKIT_STT_ENUMS = {
  LINEAR16_PCM: 1,
  TEXT_NORMALIZATION_DISABLED: 2,
  WHITELIST: 1,
  REAL_TIME: 1,
  EOU_DEFAULT: 1,
  EOU_HIGH: 2,
} as const;

export const SPEECHKIT_TTS_SERVICE = 'speechkit.tts.v3.Synthesizer';
export const SPEECHKIT_TTS_V3: Schema = {
  UtteranceSynthesisRequest: {
    1: ['model', 'string'],
    2: ['text', 'string'],
    3: ['text_template', 'TextTemplate'],
    4: ['hints', 'Hints', 'repeated'],
    5: ['output_audio_spec', 'AudioFormatOptions'],
    6: ['loudness_normalization_type', 'enum'],
    7: ['unsafe_mode', 'bool'],
  },
  TextTemplate: { 1: ['text_template', 'string'], 2: ['variables', 'TextVariable', 'repeated'] },
  TextVariable: { 1: ['variable_name', 'string'], 2: ['variable_value', 'string'] },
  Hints: {
    1: ['voice', 'string'], 2: ['audio_template', 'AudioTemplate'], 3: ['speed', 'double'], 4: ['volume', 'double'],
    5: ['role', 'string'], 6: ['pitch_shift', 'double'], 7: ['duration', 'DurationHint'],
  },
  AudioTemplate: { 1: ['audio', 'AudioContent'], 2: ['text_template', 'TextTemplate'], 3: ['variables', 'AudioVariable', 'repeated'] },
  AudioContent: { 1: ['content', 'bytes'], 2: ['audio_spec', 'AudioFormatOptions'] },
  AudioVariable: { 1: ['variable_name', 'string'], 2: ['variable_start_ms', 'int64'], 3: ['variable_length_ms', 'int64'] },
  DurationHint: { 1: ['policy', 'enum'], 2: ['duration_ms', 'int64'] },
  AudioFormatOptions: { 1: ['raw_audio', 'RawAudio'], 2: ['container_audio', 'ContainerAudio'] },
  RawAudio: { 1: ['audio_encoding', 'enum'], 2: ['sample_rate_hertz', 'int64'] },
  ContainerAudio: { 1: ['container_audio_type', 'enum'] },
  UtteranceSynthesisResponse: { 1: ['audio_chunk', 'AudioChunk'], 2: ['text_chunk', 'TextChunk'], 3: ['start_ms', 'int64'], 4: ['length_ms', 'int64'] },
  AudioChunk: { 1: ['data', 'bytes'] },
  TextChunk: { 1: ['text', 'string'] },
};
export const SPEECHKIT_TTS_ENUMS = { LINEAR16_PCM: 1, LUFS: 2 } as const;
