// The CA as an Apple configuration profile: the one form an iPad or iPhone installs a root
// certificate from (Safari downloads it, Settings installs it). An XML property list with
// one com.apple.security.root payload carrying the DER certificate.
import { createHash } from 'node:crypto';

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A UUID drawn from the certificate: the same CA gives the same profile, so installing it
 * twice replaces the first instead of listing two.
 */
function uuidOf(der: Buffer, purpose: string): string {
  const h = createHash('sha256').update(purpose).update(der).digest('hex');
  const v = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16); // RFC 4122 variant
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

export function appleProfile(caDer: Buffer, caName: string): string {
  const id = createHash('sha256').update(caDer).digest('hex').slice(0, 16);
  const description =
    'Sertifikat server Hadir di jaringan lokal aula. / The Hadir server certificate on the venue network.';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key>
      <string>hadir-ca.crt</string>
      <key>PayloadContent</key>
      <data>${caDer.toString('base64')}</data>
      <key>PayloadDescription</key>
      <string>${xml(description)}</string>
      <key>PayloadDisplayName</key>
      <string>${xml(caName)}</string>
      <key>PayloadIdentifier</key>
      <string>id.hadir.ca.${id}.root</string>
      <key>PayloadType</key>
      <string>com.apple.security.root</string>
      <key>PayloadUUID</key>
      <string>${uuidOf(caDer, 'root')}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key>
  <string>${xml(description)}</string>
  <key>PayloadDisplayName</key>
  <string>${xml(caName)}</string>
  <key>PayloadIdentifier</key>
  <string>id.hadir.ca.${id}</string>
  <key>PayloadOrganization</key>
  <string>Hadir</string>
  <key>PayloadRemovalDisallowed</key>
  <false/>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${uuidOf(caDer, 'profile')}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
