// text/mojibake as a rule; the detector and its repairs are in ../mojibake.ts. The whole post is read, front
// matter included: a double-encoded title is as broken as the body.
import { defineRules } from '../../lint/rule';
import { checkMojibake } from '../mojibake';
import type { BodyCheckContext } from './context';

export const MOJIBAKE_RULES = defineRules((scan: BodyCheckContext) => checkMojibake(scan.text, 0), [
  { id: 'text/mojibake', defaultLevel: 'warning', description: 'UTF-8 text read as Windows-1252/Latin-1, 1254 or 1250 (`sÃ©rie`, `â€™`, `ğŸ˜ƒ`): one finding per line, or one for a post broken as a whole.' },
]);
