import { describe, expect, it } from 'vitest';
import { checkWebhookUrl } from '../../workers/postcall/url-safety.ts';

const prod = { allowHttpLocalhost: false };

describe('webhook URL safety: what the probe got through', () => {
  it.each([
    ['https://localhost./hook', /trailing dot/],
    ['https://foo.localhost./hook', /trailing dot/],
    ['https://metadata.google.internal./computeMetadata/v1/', /trailing dot/],
    ['https://crm.example.ru./hook', /trailing dot/],
    ['https://[2002:a9fe:a9fe::1]/hook', /6to4/],
    ['https://[2002:7f00:1::]/hook', /6to4/],
    ['https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook', /Teredo/],
    ['https://[64:ff9b::808:808]/hook', /NAT64/],
    ['https://[64:ff9b::a9fe:a9fe]/hook', /NAT64/],
    ['https://[64:ff9b:1::a00:1]/hook', /NAT64/],
    ['https://crm.example.ru:0/hook', /port 0/],
    ['https://[::ffff:0:7f00:1]/hook', /IPv4-translated/],
    ['https://[::ffff:0:a9fe:a9fe]/hook', /IPv4-translated/],
    ['https://[::ffff:0:808:808]/hook', /IPv4-translated/],
    ['https://crm.example.ru:22/hook', /port 22/],
    ['https://crm.example.ru:25/hook', /port 25/],
    ['https://93.184.216.34:6379/hook', /port 6379/],
  ])('refuses %s', (url, reason) => {
    const check = checkWebhookUrl(url, prod);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.reason).toMatch(reason);
  });

  it.each([
    'https://crm.example.ru/hooks/calls',
    'https://crm.example.ru:8443/hooks/calls',
    'https://crm.example.ru:443/hooks/calls',
    'https://[2a00:1450:4010:c05::65]/hook',
    'https://[2001:4860:4860::8888]/hook',
    'https://93.184.216.34/hook',
  ])('still accepts the public receiver %s', (url) => {
    expect(checkWebhookUrl(url, prod).ok).toBe(true);
  });
});
