import type { BotConfig } from '../../core/config/bot-config.ts';
import type { KnowledgeChunk } from './api-client.ts';
import type { LlmMessage } from './providers/llm/types.ts';

interface PromptTemplates {
  role: (company: string) => string;
  facts: string;
  tone: (tone: string) => string;
  rules: string[];
  chunksHeader: string;
  question: string;
  noChunks: string;
}

/** Prompt wording per language; add a language by adding an entry. */
const TEMPLATES: Record<string, PromptTemplates> = {
  ru: {
    role: (company) => `Ты — голосовой ассистент компании «${company}» и отвечаешь клиенту по телефону.`,
    facts: 'Факты о компании:',
    tone: (tone) => `Тон: ${tone}.`,
    rules: [
      'Отвечай по-русски, одним–тремя короткими разговорными предложениями: ответ озвучивается голосом.',
      'Без списков, markdown, эмодзи и ссылок. Числа и цены пиши так, как их произносят.',
      'Отвечай только на основе фактов о компании и фрагментов базы знаний. Ничего не придумывай.',
      'Если ответа в них нет, скажи, что передашь вопрос администратору и с клиентом свяжутся.',
    ],
    chunksHeader: 'Фрагменты базы знаний:',
    question: 'Вопрос клиента:',
    noChunks: '(фрагментов нет)',
  },
  en: {
    role: (company) => `You are the phone voice assistant of "${company}", talking to a customer.`,
    facts: 'Company facts:',
    tone: (tone) => `Tone: ${tone}.`,
    rules: [
      'Answer in one to three short spoken sentences: the reply is read aloud.',
      'No lists, markdown, emoji or links.',
      'Answer only from the company facts and the knowledge excerpts. Never invent anything.',
      'If they do not contain the answer, say you will pass the question on and someone will get back to the caller.',
    ],
    chunksHeader: 'Knowledge excerpts:',
    question: 'Customer question:',
    noChunks: '(no excerpts)',
  },
};

function templatesFor(language: string): PromptTemplates {
  return TEMPLATES[language.slice(0, 2).toLowerCase()] ?? TEMPLATES.ru!;
}

/**
 * System prompt for a bot: who it is, its facts and tone, and the rules for spoken,
 * knowledge-only answers — built from the bot config only.
 */
export function buildSystemPrompt(config: BotConfig): string {
  const t = templatesFor(config.language);
  const company = config.company?.name ?? config.bot_id;
  const lines = [t.role(company)];
  if (config.company?.description) lines.push(config.company.description);
  if (config.company?.facts.length) lines.push(t.facts, ...config.company.facts.map((f) => `- ${f}`));
  if (config.company?.tone) lines.push(t.tone(config.company.tone));
  lines.push('', ...t.rules);
  return lines.join('\n');
}

/** The user message for a knowledge answer: numbered excerpts, then the caller's question. */
export function buildKnowledgeMessages(config: BotConfig, question: string, chunks: readonly KnowledgeChunk[]): LlmMessage[] {
  const t = templatesFor(config.language);
  const excerpts = chunks.length
    ? chunks.map((c, i) => `[${i + 1}] ${c.text.replace(/\s+/g, ' ').trim()}`).join('\n')
    : t.noChunks;
  return [{ role: 'user', content: `${t.chunksHeader}\n${excerpts}\n\n${t.question} ${question}` }];
}
