// Media types are sniffed from bytes by one pure function shared with main's evidence:// handler.
export { extensionMismatch, sniffMediaType, typesClaimedByName, type Sniffed } from '../../common/domain/media.ts';
