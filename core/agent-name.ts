/**
 * The agent-host's LiveKit dispatch name when `AGENT_NAME` is unset. The Worker's dispatch rules and the
 * agent-host registration must agree on it, so both read this one constant.
 */
export const DEFAULT_AGENT_NAME = 'voicebot-agent';
