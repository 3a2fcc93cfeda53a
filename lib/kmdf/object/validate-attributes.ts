// FxValidateObjectAttributes (FX fxvalidatefunctions.cpp), run by every *Create DDI on its WDF_OBJECT_ATTRIBUTES
// before it creates anything: Size is sizeof(WDF_OBJECT_ATTRIBUTES) (else STATUS_INFO_LENGTH_MISMATCH); a
// ContextTypeInfo has its own Size (STATUS_INFO_LENGTH_MISMATCH) and a name when it has a size, a ContextSizeOverride
// needs a type and is at least its size, ExecutionLevel and SynchronizationScope are in range (each else
// STATUS_WDF_OBJECT_ATTRIBUTES_INVALID). The DDI works on the snapshot this returns, never on the caller's object
// again (a getter read twice could give two answers). Wrong JS types (a number for the structure, a callback field that
// is not a function, a context type without its factory) are this model's 0x10D / WDF_VERIFIER_FATAL_ERROR
// (verifier/arguments.ts). Per DDI (the FX_VALIDATE_OPTION_* flags it passes): a parent not allowed
// (STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED) or required (STATUS_WDF_PARENT_NOT_SPECIFIED), an ExecutionLevel other
// than InheritFromParent where none is allowed (STATUS_WDF_EXECUTION_LEVEL_INVALID), a SynchronizationScope other than
// InheritFromParent / None where none is allowed (STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID). Which parent a DDI
// accepts beyond that is the DDI's own rule.
import {
  STATUS_INFO_LENGTH_MISMATCH,
  STATUS_SUCCESS,
  STATUS_WDF_EXECUTION_LEVEL_INVALID,
  STATUS_WDF_OBJECT_ATTRIBUTES_INVALID,
  STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED,
  STATUS_WDF_PARENT_NOT_SPECIFIED,
  STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID,
  type NTSTATUS,
} from '../fx/hal.js';
import type { FxDriverGlobals } from '../fx/globals.js';
import { fxCallbackFields, fxOptionalStruct, fxWrongType } from '../verifier/arguments.js';
import {
  WDF_OBJECT_ATTRIBUTES_SIZE,
  WDF_OBJECT_CONTEXT_TYPE_INFO_SIZE,
  WdfExecutionLevelDispatch,
  WdfExecutionLevelInheritFromParent,
  WdfExecutionLevelInvalid,
  WdfSynchronizationScopeInheritFromParent,
  WdfSynchronizationScopeInvalid,
  WdfSynchronizationScopeNone,
  type WDF_OBJECT_ATTRIBUTES,
} from './attributes.js';

export interface FxValidatedAttributes {
  status: NTSTATUS;
  /** The snapshot the DDI uses (null: none given, or the status is a failure). */
  attributes: WDF_OBJECT_ATTRIBUTES | null;
}

const OK_NONE: FxValidatedAttributes = { status: STATUS_SUCCESS, attributes: null };

/** FX_VALIDATE_OPTION_*: what the DDI allows. */
export interface FxAttributesOptions {
  parent?: 'allowed' | 'not-allowed' | 'required';
  executionLevel?: boolean;
  synchronizationScope?: boolean;
}

const fail = (status: NTSTATUS): FxValidatedAttributes => ({ status, attributes: null });

/** Validates `Attributes` (parameter `position` of `ddi`; NULL allowed) and returns the snapshot to use. */
export function fxObjectAttributes(
  g: FxDriverGlobals,
  ddi: string,
  position: number,
  Attributes: unknown,
  owner: { handleValue: number; describe(): string } | null = null,
  options: FxAttributesOptions = {},
): FxValidatedAttributes {
  const given = fxOptionalStruct(g, ddi, 'Attributes', position, Attributes, owner);
  if (given === null) return options.parent === 'required' ? fail(STATUS_WDF_PARENT_NOT_SPECIFIED) : OK_NONE;
  const a = { ...(given as WDF_OBJECT_ATTRIBUTES) };
  if (a.Size !== WDF_OBJECT_ATTRIBUTES_SIZE) return fail(STATUS_INFO_LENGTH_MISMATCH);
  const info = a.ContextTypeInfo;
  if (info !== null && info !== undefined) {
    if (typeof info !== 'object') fxWrongType(g, ddi, 'Attributes->ContextTypeInfo', position, info, 'a WDF_OBJECT_CONTEXT_TYPE_INFO or NULL', owner);
    if (info.Size !== WDF_OBJECT_CONTEXT_TYPE_INFO_SIZE) return fail(STATUS_INFO_LENGTH_MISMATCH);
    if (typeof info.create !== 'function') {
      fxWrongType(g, ddi, 'Attributes->ContextTypeInfo->create', position, info.create, 'the context factory (declare the type with WDF_DECLARE_CONTEXT_TYPE_WITH_NAME)', owner);
    }
    if (info.ContextSize > 0 && (info.ContextName === null || info.ContextName === undefined)) {
      return fail(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
    }
  }
  const override = a.ContextSizeOverride ?? 0;
  if (typeof override !== 'number' || Number.isNaN(override)) {
    fxWrongType(g, ddi, 'Attributes->ContextSizeOverride', position, override, 'a size in bytes', owner);
  }
  if (override > 0 && (!info || override < info.ContextSize)) return fail(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
  const level = a.ExecutionLevel;
  if (typeof level !== 'number' || !Number.isInteger(level) || !(level > WdfExecutionLevelInvalid && level <= WdfExecutionLevelDispatch)) {
    return fail(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
  }
  const scope = a.SynchronizationScope;
  if (typeof scope !== 'number' || !Number.isInteger(scope) || !(scope > WdfSynchronizationScopeInvalid && scope <= WdfSynchronizationScopeNone)) {
    return fail(STATUS_WDF_OBJECT_ATTRIBUTES_INVALID);
  }
  const parent = a.ParentObject ?? null;
  if (options.parent === 'not-allowed' && parent !== null) return fail(STATUS_WDF_PARENT_ASSIGNMENT_NOT_ALLOWED);
  if (options.parent === 'required' && parent === null) return fail(STATUS_WDF_PARENT_NOT_SPECIFIED);
  if (!options.synchronizationScope && scope !== WdfSynchronizationScopeInheritFromParent && scope !== WdfSynchronizationScopeNone) {
    return fail(STATUS_WDF_SYNCHRONIZATION_SCOPE_INVALID);
  }
  if (!options.executionLevel && level !== WdfExecutionLevelInheritFromParent) return fail(STATUS_WDF_EXECUTION_LEVEL_INVALID);
  fxCallbackFields(g, ddi, 'Attributes', position, a, ['EvtCleanupCallback', 'EvtDestroyCallback'], owner);
  a.ParentObject ??= null;
  a.ContextTypeInfo ??= null;
  a.EvtCleanupCallback ??= null;
  a.EvtDestroyCallback ??= null;
  return { status: STATUS_SUCCESS, attributes: a };
}
