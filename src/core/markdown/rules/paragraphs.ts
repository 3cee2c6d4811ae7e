// text/joined-paragraphs as a rule; how a pasted paragraph is told from wrapped prose is in ../paragraphRules.ts.
import { defineRules } from '../../lint/rule';
import { checkJoinedParagraphs } from '../paragraphRules';
import type { BodyCheckContext } from './context';

export const PARAGRAPH_RULES = defineRules((scan: BodyCheckContext) => checkJoinedParagraphs(scan.text, scan.masked, scan.bodyStart), [
  { id: 'text/joined-paragraphs', defaultLevel: 'warning', description: 'Paragraphs separated by single line breaks (a post pasted from a rich-text editor): Markdown shows them as one.' },
]);
