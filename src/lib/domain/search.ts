// Name search keys for the check-in desk. People are registered as
// "Dra. Hj. Siti Aminah, S.Hum., M.IP." and searched as "siti am"; "Moh. Ali" is the
// same person whether the tablet or the form wrote Muhammad, Mohammad or M.
//
// Titles are stripped conservatively: a missing title in the key costs nothing, but a
// name token wrongly taken for a title makes a person unfindable at the desk.

// Titles written before the name. Compared without dots, case-insensitively, and only
// as whole tokens, so Irawati, Hendra and Drajat are untouched.
const PREFIX_DOT_OPTIONAL = new Set(['dr', 'drs', 'dra', 'drg', 'ir', 'prof', 'hj', 'kh']);
// Short enough to be a name or an initial, so only with a dot: "H. Ahmad", "Ns. Rina".
const PREFIX_DOT_REQUIRED = new Set(['h', 'ns', 'apt']);

// Degrees written after the name, without dots and lowercased (S.Pd.I. -> spdi).
const SUFFIX_TITLES = new Set(
  [
    // diploma
    'amd amdpust amdkom amdkeb amdkep amdak amdt amdgz amdfarm amdpar ama amapd ap',
    // bachelor (S1) and applied bachelor
    'sag sak sars sds se sei sfarm sgz sh shi shum shut sikom sip sipust skeb sked skep',
    'skg skm skom sm smat sp spd spdi spdsd spi spsi spt ss ssi ssn ssos ssosi sst sstp',
    'sstat st sth sthi str strkom ssy sab gr apt ns',
    // master (S2)
    'ma mag mak map mars mba me med mei meng mfarm mh mhi mhum mikom mip mkes mkm mkom',
    'mlib mlis mm mp mpa mpd mpdi mphil mpsi msc msi msos mstat mt',
    // doctorate and foreign degrees
    'phd dsc edd ba bsc lc',
  ]
    .join(' ')
    .split(' '),
);

// Spellings and abbreviations of Muhammad, folded to one key token.
const MUHAMMAD = 'muhammad';
const MUHAMMAD_VARIANTS = [
  'muhammad',
  'muhamad',
  'muhammed',
  'muhamed',
  'mohammad',
  'mohamad',
  'mohammed',
  'mohamed',
  'mochammad',
  'mochamad',
  'muchammad',
  'muchamad',
  'moehammad',
  'moehamad',
  'mohd',
  'moch',
  'moh',
  'much',
  'muh',
  'mhd',
  'mhmd',
  'm',
];
const MUHAMMAD_SET = new Set(MUHAMMAD_VARIANTS);

const bare = (token: string): string => token.replace(/\./g, '').toLowerCase();

const isLettersAndDots = (token: string): boolean => /^[\p{L}.]+$/u.test(token);

function isWholePrefixTitle(token: string): boolean {
  if (!isLettersAndDots(token)) return false;
  const b = bare(token);
  return PREFIX_DOT_OPTIONAL.has(b) || (token.includes('.') && PREFIX_DOT_REQUIRED.has(b));
}

/**
 * Removes one title glued to the front of a token ("Drs.H.Ahmad" -> "H.Ahmad").
 * Undefined when the token does not start with a title.
 */
function peelGluedPrefix(token: string): string | undefined {
  const m = /^(\p{L}+)\.(\p{L}.*)$/u.exec(token);
  if (!m) return undefined;
  const word = (m[1] ?? '').toLowerCase();
  if (!PREFIX_DOT_OPTIONAL.has(word) && !PREFIX_DOT_REQUIRED.has(word)) return undefined;
  return m[2];
}

const isSuffixTitle = (token: string): boolean =>
  isLettersAndDots(token) && SUFFIX_TITLES.has(bare(token));

/** Tokens after the first comma are degrees unless they plainly look like a name. */
const isAfterCommaTitle = (token: string): boolean =>
  token.includes('.') || isSuffixTitle(token) || /^\(.*\)$/.test(token);

const splitWords = (text: string): string[] => text.trim().split(/\s+/).filter(Boolean);

/**
 * "Prof. Dr. Hj. Siti Aminah, S.Hum., M.IP." -> "Siti Aminah". Keeps the original
 * spelling and case of the name; never removes every token.
 */
export function stripAcademicTitles(name: string): string {
  const [head = '', ...tail] = name.split(',');
  let tokens = splitWords(head);

  for (;;) {
    const first = tokens[0];
    if (first === undefined) break;
    let next: string[] | undefined;
    if (isWholePrefixTitle(first)) next = tokens.slice(1);
    else {
      const rest = peelGluedPrefix(first);
      if (rest !== undefined) next = [rest, ...tokens.slice(1)];
    }
    if (!next || next.length === 0) break;
    tokens = next;
  }

  // Degrees typed without the comma: only dotted forms of known degrees ("S.Pd"), since
  // a bare "SE" or "Ma" may be part of a name.
  for (;;) {
    const last = tokens[tokens.length - 1];
    if (tokens.length < 2 || last === undefined) break;
    if (!(last.includes('.') && isSuffixTitle(last))) break;
    tokens = tokens.slice(0, -1);
  }

  const kept = tail.flatMap(splitWords).filter((t) => !isAfterCommaTitle(t));
  return [...tokens, ...kept].join(' ');
}

/** Lowercase, diacritics removed, punctuation as spaces; no title stripping or folding. */
function plainTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’‘`ʼ]/g, '') // Ma'ruf -> maruf, not "ma ruf"
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

const foldMuhammad = (token: string): string => (MUHAMMAD_SET.has(token) ? MUHAMMAD : token);

/** The stored search key: "Dra. Hj. Siti Aminah, S.Hum." -> "siti aminah". */
export function nameSearchKey(name: string): string {
  return plainTokens(stripAcademicTitles(name)).map(foldMuhammad).join(' ');
}

/** The key split into tokens (for a multi-entry index). */
export function nameTokens(name: string): string[] {
  const key = nameSearchKey(name);
  return key === '' ? [] : key.split(' ');
}

/**
 * Query tokens are compared before folding so that a half-typed "m" still finds "Mariam",
 * while "moh", "moha" or "mohammad" also find the folded "muhammad".
 */
export function tokenMatches(keyToken: string, queryToken: string): boolean {
  if (keyToken.startsWith(queryToken)) return true;
  return keyToken === MUHAMMAD && MUHAMMAD_VARIANTS.some((v) => v.startsWith(queryToken));
}

/** A query as name tokens (titles dropped, not folded): prepare once per keystroke. */
export const nameQueryTokens = (query: string): string[] => plainTokens(stripAcademicTitles(query));

/** True when every query token is a prefix of some token of the key. */
export function matchesName(key: string, query: string): boolean {
  const keyTokens = key.split(' ').filter(Boolean);
  return nameQueryTokens(query).every((q) => keyTokens.some((k) => tokenMatches(k, q)));
}

/** The order of people in every list and document (the device's index order): by name
 * without titles (Dra. Siti after Budi), then as written, then by id so ties are stable. */
export function byName(
  a: { fullName: string; id: string },
  b: { fullName: string; id: string },
): number {
  return (
    nameSearchKey(a.fullName).localeCompare(nameSearchKey(b.fullName), 'id') ||
    a.fullName.localeCompare(b.fullName, 'id') ||
    a.id.localeCompare(b.id)
  );
}
