import { OutboundPolicy } from './outbound-policy';

const ADVICE = 'chatops refuses internal targets unless OUTBOUND_ALLOWED_HOSTS allows them';

describe('OutboundPolicy', () => {
  const strict = OutboundPolicy.strict();

  it.each([
    ['http://127.0.0.1/hook', 'a loopback address (127.0.0.1)'],
    ['http://127.9.9.9:8080/hook', 'a loopback address (127.9.9.9)'],
    ['http://2130706433/hook', 'a loopback address (127.0.0.1)'],
    ['http://0x7f000001/hook', 'a loopback address (127.0.0.1)'],
    ['http://0177.0.0.1/hook', 'a loopback address (127.0.0.1)'],
    ['http://127.1/hook', 'a loopback address (127.0.0.1)'],
    ['http://[::1]/hook', 'a loopback address (::1)'],
    ['http://[::ffff:127.0.0.1]/hook', 'a loopback address (::ffff:7f00:1)'],
    ['http://[::127.0.0.1]/hook', 'a loopback address (::7f00:1)'],
    ['http://[64:ff9b::127.0.0.1]/hook', 'a loopback address (64:ff9b::7f00:1)'],
    ['http://[2002:7f00:1::]/hook', 'a loopback address (2002:7f00:1::)'],
    ['http://localhost:3000/hook', 'a loopback address (localhost)'],
    ['http://LocalHost./hook', 'a loopback address (localhost)'],
    ['http://hooks.localhost/hook', 'a loopback address (hooks.localhost)'],
    ['http://169.254.169.254/latest/meta-data', 'a link-local address (169.254.169.254)'],
    ['http://[fe80::1]/hook', 'a link-local address (fe80::1)'],
    ['http://10.1.2.3/hook', 'a private address (10.1.2.3)'],
    ['http://172.16.0.1/hook', 'a private address (172.16.0.1)'],
    ['http://192.168.1.1/hook', 'a private address (192.168.1.1)'],
    ['http://[fd12:3456::1]/hook', 'a private address (fd12:3456::1)'],
    ['http://100.64.0.1/hook', 'a shared (RFC 6598 carrier-grade NAT) address (100.64.0.1)'],
    ['http://224.0.0.1/hook', 'a multicast address (224.0.0.1)'],
    ['http://[ff02::1]/hook', 'a multicast address (ff02::1)'],
    ['http://255.255.255.255/hook', 'a broadcast address (255.255.255.255)'],
    ['http://0.0.0.0/hook', 'an unspecified address (0.0.0.0)'],
    ['http://[::]/hook', 'an unspecified address (::)'],
    ['http://240.0.0.1/hook', 'a reserved address (240.0.0.1)'],
  ])('refuses %s: it points at %s', (url, what) => {
    const refusal = strict.refusalOfUrl(url);
    expect(refusal?.message).toBe(`points at ${what}; ${ADVICE}`);
    expect(() => strict.assertUrlAllowed(url)).toThrow(`points at ${what}`);
  });

  it.each([
    'https://hooks.slack.com/services/T0/B0/secret',
    'https://mattermost.example.com/hooks/abc',
    'http://8.8.8.8/hook',
    'http://[2606:4700:4700::1111]/hook',
    'http://[::ffff:8.8.8.8]/hook',
    // Names are judged when connecting, by what they resolve to (OutboundGuard).
    'https://internal-looking.example/hook',
    'not a url',
  ])('lets %s through the URL check', (url) => {
    expect(strict.refusalOfUrl(url)).toBeUndefined();
  });

  it('judges resolved addresses, naming the host that resolved to them', () => {
    expect(strict.refusalOf('hooks.example.com', '127.0.0.1')?.message).toBe(
      `hooks.example.com resolves to a loopback address (127.0.0.1); ${ADVICE}`,
    );
    expect(strict.refusalOf('hooks.example.com', '::ffff:10.0.0.1')?.kind).toBe('private');
    expect(strict.refusalOf('hooks.example.com', '93.184.215.14')).toBeUndefined();
  });

  describe('the allow-list (OUTBOUND_ALLOWED_HOSTS)', () => {
    const policy = OutboundPolicy.from(' mattermost.internal, 10.0.0.0/8 ,*.corp.example,fd00::/8,192.168.5.5');

    it('lets listed networks through, whatever the spelling of the address', () => {
      expect(policy.refusalOfUrl('http://10.1.2.3/hook')).toBeUndefined();
      expect(policy.refusalOfUrl('http://167837954/hook')).toBeUndefined(); // 10.1.2.2
      expect(policy.refusalOfUrl('http://[::ffff:10.1.2.3]/hook')).toBeUndefined();
      expect(policy.refusalOfUrl('http://[fd00::5]/hook')).toBeUndefined();
      expect(policy.refusalOfUrl('http://192.168.5.5/hook')).toBeUndefined();
      expect(policy.refusalOf('chat.example', '10.9.9.9')).toBeUndefined();
    });

    it('lets listed names through whatever they resolve to, and names under a *. entry', () => {
      expect(policy.refusalOf('mattermost.internal', '172.16.0.9')).toBeUndefined();
      expect(policy.refusalOf('MatterMost.Internal.', '127.0.0.1')).toBeUndefined();
      expect(policy.refusalOf('chat.corp.example', '192.168.1.1')).toBeUndefined();
      expect(policy.refusalOf('corp.example', '192.168.1.1')?.kind).toBe('private');
      expect(policy.refusalOf('other.internal', '172.16.0.9')?.kind).toBe('private');
    });

    it('still refuses what it does not list', () => {
      expect(policy.refusalOfUrl('http://192.168.5.6/hook')?.kind).toBe('private');
      expect(policy.refusalOfUrl('http://127.0.0.1/hook')?.kind).toBe('loopback');
      expect(policy.refusalOfUrl('http://localhost/hook')?.kind).toBe('loopback');
    });

    it('lets loopback through when told to (the tests and the demo), in every spelling', () => {
      const loopback = OutboundPolicy.from('127.0.0.0/8,::1');
      for (const url of ['http://127.0.0.1:1/', 'http://2130706433/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/'])
        expect(loopback.refusalOfUrl(url)).toBeUndefined();
      expect(loopback.refusalOfUrl('http://localhost/')).toBeUndefined();
      expect(loopback.refusalOf('localhost', '127.0.0.1')).toBeUndefined();
    });

    it('reports every entry it cannot read', () => {
      expect(OutboundPolicy.parse('ok.example, not a host, 10.0.0.0/99,,http://x.example')).toEqual({
        problems: [
          'not a host is neither a host name, an IP address nor a CIDR',
          '10.0.0.0/99 is neither a host name, an IP address nor a CIDR',
          'http://x.example is neither a host name, an IP address nor a CIDR',
        ],
      });
    });

    it('throws on a constant list it cannot read', () => {
      expect(() => OutboundPolicy.from('a.example,bad host')).toThrow(
        'invalid allow-list: bad host is neither a host name, an IP address nor a CIDR',
      );
    });

    it('is empty by default and shows its entries as given', () => {
      expect(JSON.stringify(OutboundPolicy.strict())).toBe('[]');
      expect(JSON.stringify(OutboundPolicy.from('a.example,10.0.0.0/8'))).toBe('["a.example","10.0.0.0/8"]');
    });
  });
});
