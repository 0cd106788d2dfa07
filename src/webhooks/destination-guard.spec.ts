import { checkDestination, DestinationRefused, reservedRange } from './destination-guard.js';

const strict = { allowPrivateNetworks: false };
const resolvingTo = (...addresses: string[]) => ({
  allowPrivateNetworks: false,
  resolve: async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
});

describe('the webhook destination guard', () => {
  it.each([
    ['loopback', 'http://127.0.0.1/hook'],
    ['loopback', 'http://127.8.9.10/hook'],
    ['loopback', 'http://[::1]/hook'],
    ['private', 'http://10.1.2.3/hook'],
    ['private', 'http://172.16.0.1/hook'],
    ['private', 'http://192.168.1.1/hook'],
    ['linkLocal', 'http://169.254.169.254/latest/meta-data'],
    ['linkLocal', 'http://[fe80::1]/hook'],
    ['carrierGradeNat', 'http://100.64.0.1/hook'],
    ['multicast', 'http://224.0.0.1/hook'],
    ['multicast', 'http://[ff02::1]/hook'],
    ['reserved', 'http://192.0.2.10/hook'], // documentation (TEST-NET-1)
    ['reserved', 'http://203.0.113.7/hook'], // documentation (TEST-NET-3)
    ['reserved', 'http://198.18.0.1/hook'], // benchmarking
    ['reserved', 'http://[2001:db8::1]/hook'], // documentation
    ['benchmarking', 'http://[2001:2::1]/hook'],
    ['ipv4Mapped', 'http://[::ffff:127.0.0.1]/hook'],
    ['ipv4Mapped', 'http://[::ffff:8.8.8.8]/hook'],
    ['uniqueLocal', 'http://[fd00::1]/hook'],
    ['unspecified', 'http://0.0.0.0/hook'],
    ['broadcast', 'http://255.255.255.255/hook'],
  ])('refuses %s: %s', async (range, url) => {
    await expect(checkDestination(url, strict)).rejects.toThrow(new RegExp(`reserved range \\(${range}\\)`));
  });

  it('refuses a name that resolves to a reserved address, and one with any such address among public ones', async () => {
    await expect(checkDestination('https://hooks.example.fi/x', resolvingTo('10.0.0.5'))).rejects.toThrow('10.0.0.5 (the address of hooks.example.fi) is in a reserved range (private)');
    await expect(checkDestination('https://hooks.example.fi/x', resolvingTo('93.184.215.14', '127.0.0.1'))).rejects.toThrow(DestinationRefused);
  });

  it('refuses localhost by its real resolution', async () => {
    await expect(checkDestination('http://localhost:9/hook', strict)).rejects.toThrow(/of localhost\) is in a reserved range \(loopback\)/);
  });

  it('refuses schemes other than http and https, credentials and names that do not resolve', async () => {
    await expect(checkDestination('ftp://93.184.215.14/x', strict)).rejects.toThrow('only http and https are allowed, not ftp');
    await expect(checkDestination('file:///etc/passwd', strict)).rejects.toThrow('only http and https');
    await expect(checkDestination('https://user:pw@93.184.215.14/', strict)).rejects.toThrow('credentials');
    await expect(checkDestination('not a url', strict)).rejects.toThrow('not a URL');
    await expect(checkDestination('https://nowhere.invalid/', strict)).rejects.toThrow('nowhere.invalid does not resolve');
  });

  it('accepts a public address and says which address to connect to', async () => {
    await expect(checkDestination('https://93.184.215.14/x', strict)).resolves.toMatchObject({ address: '93.184.215.14', family: 4 });
    await expect(checkDestination('https://hooks.example.fi/x', resolvingTo('2a00:1450:4001::1'))).resolves.toMatchObject({ address: '2a00:1450:4001::1', family: 6 });
    expect(reservedRange('193.166.3.1')).toBeUndefined();
  });

  it('lets loopback through when private networks are allowed, still only over http(s)', async () => {
    const open = { allowPrivateNetworks: true };
    await expect(checkDestination('http://127.0.0.1:8080/hook', open)).resolves.toMatchObject({ address: '127.0.0.1' });
    await expect(checkDestination('gopher://127.0.0.1/', open)).rejects.toThrow('only http and https');
  });
});
