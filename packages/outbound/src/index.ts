export { internalKindOf, type InternalKind } from './address-kind';
export { ALLOW_LIST_SETTING, OutboundPolicy } from './outbound-policy';
export { outboundRefusalIn, OutboundRefused, type OutboundRefusal } from './outbound-refused';
export { guardedLookup } from './guarded-lookup';
export { OutboundGuard } from './outbound-guard';
