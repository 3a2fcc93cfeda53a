// The DDIs and callbacks a system-DMA driver (and a SerCx2 controller driver) uses, by WDK header, as the DDI
// reference lists them (windows-driver-docs-ddi: wdfdmaenabler.h, wdfdmatransaction.h, wdfcommonbuffer.h,
// wdffileobject.h, sercx.h, wdm.h's DMA_OPERATIONS and the routines around it). This is the list of names the coverage
// page checks the code against; whether each one is supported, partial or missing is decided from the code by
// generate.ts, never written here. A `note` is only for a name the project does not model: why, or what to use.

export type EntryKind = 'function' | 'callback' | 'member';

export interface CatalogueEntry {
  /** The WDK name (for a DMA_OPERATIONS member, the member name). */
  name: string;
  kind: EntryKind;
  /** A callback's role name (the config field the framework calls through, 'EvtProgramDma'). */
  role?: string;
  /** Why a name is not modelled (shown only when the code does not export it). */
  note?: string;
}

export interface CatalogueSection {
  title: string;
  /** The WDK headers the section comes from. */
  headers: string;
  /** The package module that must export the names: kmdf-dma-sim/<module>. */
  module: 'kmdf' | 'sercx2' | 'hal';
  entries: CatalogueEntry[];
}

const fns = (names: string): CatalogueEntry[] => names.trim().split(/\s+/).map((name) => ({ name, kind: 'function' }));
const fn = (name: string, note: string): CatalogueEntry => ({ name, kind: 'function', note });
const cb = (name: string, role?: string, note?: string): CatalogueEntry => ({ name, kind: 'callback', role, note });
const members = (names: string): CatalogueEntry[] => names.trim().split(/\s+/).map((name) => ({ name, kind: 'member' }));
const member = (name: string, note: string): CatalogueEntry => ({ name, kind: 'member', note });

const BUS_MASTER = 'bus-master (packet / scatter-gather) DMA is not modelled: system DMA maps with MapTransferEx';

export const CATALOGUE: CatalogueSection[] = [
  {
    title: 'KMDF DMA enablers',
    headers: 'wdfdmaenabler.h',
    module: 'kmdf',
    entries: [
      ...fns(`WDF_DMA_ENABLER_CONFIG_INIT WDF_DMA_SYSTEM_PROFILE_CONFIG_INIT WdfDmaEnablerCreate WdfDmaEnablerConfigureSystemProfile
        WdfDmaEnablerGetFragmentLength WdfDmaEnablerGetMaximumLength WdfDmaEnablerGetMaximumScatterGatherElements
        WdfDmaEnablerSetMaximumScatterGatherElements WdfDmaEnablerWdmGetDmaAdapter`),
      cb('EVT_WDF_DMA_ENABLER_FILL', 'EvtDmaEnablerFill'),
      cb('EVT_WDF_DMA_ENABLER_FLUSH', 'EvtDmaEnablerFlush'),
      cb('EVT_WDF_DMA_ENABLER_ENABLE', 'EvtDmaEnablerEnable'),
      cb('EVT_WDF_DMA_ENABLER_DISABLE', 'EvtDmaEnablerDisable'),
      cb('EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_START', 'EvtDmaEnablerSelfManagedIoStart'),
      cb('EVT_WDF_DMA_ENABLER_SELFMANAGED_IO_STOP', 'EvtDmaEnablerSelfManagedIoStop'),
    ],
  },
  {
    title: 'KMDF DMA transactions',
    headers: 'wdfdmatransaction.h',
    module: 'kmdf',
    entries: [
      ...fns(`WdfDmaTransactionCreate WdfDmaTransactionInitialize WdfDmaTransactionInitializeUsingOffset
        WdfDmaTransactionInitializeUsingRequest WdfDmaTransactionExecute WdfDmaTransactionAllocateResources
        WdfDmaTransactionFreeResources WdfDmaTransactionSetImmediateExecution WdfDmaTransactionSetChannelConfigurationCallback
        WdfDmaTransactionSetTransferCompleteCallback WdfDmaTransactionSetDeviceAddressOffset WdfDmaTransactionSetMaximumLength
        WdfDmaTransactionSetSingleTransferRequirement WdfDmaTransactionDmaCompleted WdfDmaTransactionDmaCompletedWithLength
        WdfDmaTransactionDmaCompletedFinal WdfDmaTransactionStopSystemTransfer WdfDmaTransactionCancel WdfDmaTransactionRelease
        WdfDmaTransactionGetBytesTransferred WdfDmaTransactionGetCurrentDmaTransferLength WdfDmaTransactionGetDevice
        WdfDmaTransactionGetRequest WdfDmaTransactionGetTransferInfo WdfDmaTransactionWdmGetTransferContext`),
      cb('EVT_WDF_PROGRAM_DMA', 'EvtProgramDma'),
      cb('EVT_WDF_DMA_TRANSACTION_CONFIGURE_DMA_CHANNEL', 'EvtDmaTransactionConfigureDmaChannel'),
      cb('EVT_WDF_DMA_TRANSACTION_DMA_TRANSFER_COMPLETE', 'EvtDmaTransactionDmaTransferComplete'),
      cb('EVT_WDF_RESERVE_DMA', 'EvtReserveDma'),
    ],
  },
  {
    title: 'KMDF common buffers',
    headers: 'wdfcommonbuffer.h',
    module: 'kmdf',
    entries: fns(`WDF_COMMON_BUFFER_CONFIG_INIT WdfCommonBufferCreate WdfCommonBufferCreateWithConfig
      WdfCommonBufferGetAlignedLogicalAddress WdfCommonBufferGetAlignedVirtualAddress WdfCommonBufferGetLength`),
  },
  {
    title: 'KMDF file objects',
    headers: 'wdffileobject.h, wdfdevice.h, wdfrequest.h',
    module: 'kmdf',
    entries: [
      ...fns('WDF_FILEOBJECT_CONFIG_INIT WdfDeviceInitSetFileObjectConfig WdfDeviceInitSetExclusive WdfRequestGetFileObject WdfFileObjectGetDevice'),
      fn('WdfFileObjectGetFileName', 'the test host opens a device by its handle, never with a file name'),
      fn('WdfFileObjectGetFlags', 'no WDM FILE_OBJECT (and so no FO_* flags) is modelled'),
      fn('WdfFileObjectGetInitiatorProcessId', 'the simulated machine has no processes'),
      fn('WdfFileObjectGetRelatedFileObject', 'no related (stream) file objects: every open is of the device itself'),
      fn('WdfFileObjectWdmGetFileObject', 'no WDM FILE_OBJECT is modelled'),
      cb('EVT_WDF_DEVICE_FILE_CREATE', 'EvtDeviceFileCreate'),
      cb('EVT_WDF_FILE_CLEANUP', 'EvtFileCleanup'),
      cb('EVT_WDF_FILE_CLOSE', 'EvtFileClose'),
    ],
  },
  {
    title: 'KMDF around a DMA driver',
    headers: 'wdfdriver.h, wdfdevice.h, wdfresource.h, wdfinterrupt.h, wdftimer.h, wdfio.h, wdfrequest.h, wdfsync.h, wdfobject.h, wdfdpc.h, wdfworkitem.h',
    module: 'kmdf',
    entries: [
      ...fns(`WDF_DRIVER_CONFIG_INIT WdfDriverCreate WdfDeviceCreate WDF_PNPPOWER_EVENT_CALLBACKS_INIT
        WdfDeviceInitSetPnpPowerEventCallbacks WdfDeviceInitSetIoType WdfCmResourceListGetCount WdfCmResourceListGetDescriptor
        WDF_OBJECT_ATTRIBUTES_INIT WDF_OBJECT_ATTRIBUTES_INIT_CONTEXT_TYPE WDF_DECLARE_CONTEXT_TYPE_WITH_NAME WdfObjectGetTypedContext
        WdfObjectAllocateContext WdfObjectContextGetObject WdfObjectDelete
        WDF_INTERRUPT_CONFIG_INIT WdfInterruptCreate WdfInterruptQueueDpcForIsr WdfInterruptAcquireLock WdfInterruptReleaseLock
        WdfInterruptSynchronize WdfInterruptGetDevice`),
      fn('WdfInterruptEnable', 'the framework enables and disables the interrupt around D0 by itself; the driver-called forms are not modelled'),
      fn('WdfInterruptDisable', 'see WdfInterruptEnable'),
      ...fns(`WDF_TIMER_CONFIG_INIT WDF_TIMER_CONFIG_INIT_PERIODIC WdfTimerCreate WdfTimerStart WdfTimerStop WdfTimerGetParentObject
        WdfSpinLockCreate WdfSpinLockAcquire WdfSpinLockRelease
        WDF_IO_QUEUE_CONFIG_INIT WDF_IO_QUEUE_CONFIG_INIT_DEFAULT_QUEUE WdfIoQueueCreate WdfDeviceConfigureRequestDispatching
        WdfIoQueueRetrieveNextRequest WdfIoQueueStart WdfIoQueueStop WdfIoQueuePurge WdfIoQueueGetDevice
        WdfRequestComplete WdfRequestCompleteWithInformation WdfRequestGetParameters WdfRequestRetrieveInputBuffer
        WdfRequestRetrieveOutputBuffer WdfRequestRetrieveInputWdmMdl WdfRequestRetrieveOutputWdmMdl WdfRequestSetInformation
        WdfRequestMarkCancelable WdfRequestMarkCancelableEx WdfRequestUnmarkCancelable WdfRequestIsCanceled WdfRequestGetIoQueue`),
      fn('WdfIoQueueRetrieveRequestByFileObject', 'not modelled: retrieve with WdfIoQueueRetrieveNextRequest and compare WdfRequestGetFileObject'),
      fn('WdfDpcCreate', 'WDFDPC objects are not modelled: queue work from the ISR with WdfInterruptQueueDpcForIsr'),
      fn('WdfDpcEnqueue', 'see WdfDpcCreate'),
      fn('WdfWorkItemCreate', 'WDFWORKITEM objects (PASSIVE_LEVEL work) are not modelled'),
      fn('WdfWorkItemEnqueue', 'see WdfWorkItemCreate'),
      cb('EVT_WDF_DRIVER_DEVICE_ADD', 'EvtDriverDeviceAdd'),
      cb('EVT_WDF_DEVICE_PREPARE_HARDWARE', 'EvtDevicePrepareHardware'),
      cb('EVT_WDF_DEVICE_RELEASE_HARDWARE', 'EvtDeviceReleaseHardware'),
      cb('EVT_WDF_DEVICE_D0_ENTRY', 'EvtDeviceD0Entry'),
      cb('EVT_WDF_DEVICE_D0_EXIT', 'EvtDeviceD0Exit'),
      cb('EVT_WDF_INTERRUPT_ISR', 'EvtInterruptIsr'),
      cb('EVT_WDF_INTERRUPT_DPC', 'EvtInterruptDpc'),
      cb('EVT_WDF_INTERRUPT_SYNCHRONIZE', 'EvtInterruptSynchronize'),
      cb('EVT_WDF_TIMER', 'EvtTimerFunc'),
      cb('EVT_WDF_IO_QUEUE_IO_READ', 'EvtIoRead'),
      cb('EVT_WDF_IO_QUEUE_IO_WRITE', 'EvtIoWrite'),
      cb('EVT_WDF_IO_QUEUE_IO_DEVICE_CONTROL', 'EvtIoDeviceControl'),
      cb('EVT_WDF_IO_QUEUE_IO_DEFAULT', 'EvtIoDefault'),
      cb('EVT_WDF_REQUEST_CANCEL', 'EvtRequestCancel'),
      cb('EVT_WDF_OBJECT_CONTEXT_CLEANUP', 'EvtCleanupCallback'),
      cb('EVT_WDF_OBJECT_CONTEXT_DESTROY', 'EvtDestroyCallback'),
    ],
  },
  {
    title: 'SerCx2: device and port',
    headers: 'sercx.h',
    module: 'sercx2',
    entries: [
      ...fns('SerCx2InitializeDeviceInit SERCX2_CONFIG_INIT SerCx2InitializeDevice SerCx2CompleteWait SerCx2SaveReceiveFifoOnD0Exit'),
      cb('EVT_SERCX2_FILEOPEN', 'EvtSerCx2FileOpen'),
      cb('EVT_SERCX2_FILECLOSE', 'EvtSerCx2FileClose'),
      cb('EVT_SERCX2_APPLY_CONFIG', 'EvtSerCx2ApplyConfig'),
      cb('EVT_SERCX2_CONTROL', 'EvtSerCx2Control'),
      cb('EVT_SERCX2_PURGE_FIFOS', 'EvtSerCx2PurgeFifos'),
      cb('EVT_SERCX2_SET_WAIT_MASK', 'EvtSerCx2SetWaitMask'),
      cb('EVT_SERCX2_SELECT_NEXT_RECEIVE_TRANSACTION_TYPE', 'EvtSerCx2SelectNextReceiveTransactionType'),
      cb('EVT_SERCX2_SELECT_NEXT_TRANSMIT_TRANSACTION_TYPE', 'EvtSerCx2SelectNextTransmitTransactionType'),
    ],
  },
  {
    title: 'SerCx2: PIO receive and transmit',
    headers: 'sercx.h',
    module: 'sercx2',
    entries: [
      ...fns(`SERCX2_PIO_RECEIVE_CONFIG_INIT SerCx2PioReceiveCreate SerCx2PioReceiveReady SerCx2PioReceiveInitializeTransactionComplete
        SerCx2PioReceiveCleanupTransactionComplete SERCX2_PIO_TRANSMIT_CONFIG_INIT SerCx2PioTransmitCreate SerCx2PioTransmitReady
        SerCx2PioTransmitInitializeTransactionComplete SerCx2PioTransmitCleanupTransactionComplete SerCx2PioTransmitDrainFifoComplete
        SerCx2PioTransmitPurgeFifoComplete`),
      cb('EVT_SERCX2_PIO_RECEIVE_READ_BUFFER', 'EvtSerCx2PioReceiveReadBuffer'),
      cb('EVT_SERCX2_PIO_RECEIVE_ENABLE_READY_NOTIFICATION', 'EvtSerCx2PioReceiveEnableReadyNotification'),
      cb('EVT_SERCX2_PIO_RECEIVE_CANCEL_READY_NOTIFICATION', 'EvtSerCx2PioReceiveCancelReadyNotification'),
      cb('EVT_SERCX2_PIO_RECEIVE_INITIALIZE_TRANSACTION', 'EvtSerCx2PioReceiveInitializeTransaction'),
      cb('EVT_SERCX2_PIO_RECEIVE_CLEANUP_TRANSACTION', 'EvtSerCx2PioReceiveCleanupTransaction'),
      cb('EVT_SERCX2_PIO_TRANSMIT_WRITE_BUFFER', 'EvtSerCx2PioTransmitWriteBuffer'),
      cb('EVT_SERCX2_PIO_TRANSMIT_ENABLE_READY_NOTIFICATION', 'EvtSerCx2PioTransmitEnableReadyNotification'),
      cb('EVT_SERCX2_PIO_TRANSMIT_CANCEL_READY_NOTIFICATION', 'EvtSerCx2PioTransmitCancelReadyNotification'),
      cb('EVT_SERCX2_PIO_TRANSMIT_INITIALIZE_TRANSACTION', 'EvtSerCx2PioTransmitInitializeTransaction'),
      cb('EVT_SERCX2_PIO_TRANSMIT_CLEANUP_TRANSACTION', 'EvtSerCx2PioTransmitCleanupTransaction'),
      cb('EVT_SERCX2_PIO_TRANSMIT_DRAIN_FIFO', 'EvtSerCx2PioTransmitDrainFifo'),
      cb('EVT_SERCX2_PIO_TRANSMIT_CANCEL_DRAIN_FIFO', 'EvtSerCx2PioTransmitCancelDrainFifo'),
      cb('EVT_SERCX2_PIO_TRANSMIT_PURGE_FIFO', 'EvtSerCx2PioTransmitPurgeFifo'),
    ],
  },
  {
    title: 'SerCx2: system-DMA receive and transmit',
    headers: 'sercx.h',
    module: 'sercx2',
    entries: [
      ...fns(`SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT SERCX2_SYSTEM_DMA_RECEIVE_CONFIG_INIT_NEW_DATA_NOTIFICATION SerCx2SystemDmaReceiveCreate
        SerCx2SystemDmaReceiveGetDmaEnabler SerCx2SystemDmaReceiveNewDataNotification SerCx2SystemDmaReceiveInitializeTransactionComplete
        SerCx2SystemDmaReceiveCleanupTransactionComplete SERCX2_SYSTEM_DMA_TRANSMIT_CONFIG_INIT SerCx2SystemDmaTransmitCreate
        SerCx2SystemDmaTransmitGetDmaEnabler SerCx2SystemDmaTransmitInitializeTransactionComplete
        SerCx2SystemDmaTransmitCleanupTransactionComplete SerCx2SystemDmaTransmitDrainFifoComplete SerCx2SystemDmaTransmitPurgeFifoComplete`),
      cb('EVT_SERCX2_SYSTEM_DMA_RECEIVE_INITIALIZE_TRANSACTION', 'EvtSerCx2SystemDmaReceiveInitializeTransaction'),
      cb('EVT_SERCX2_SYSTEM_DMA_RECEIVE_CLEANUP_TRANSACTION', 'EvtSerCx2SystemDmaReceiveCleanupTransaction'),
      cb('EVT_SERCX2_SYSTEM_DMA_RECEIVE_CONFIGURE_DMA_CHANNEL', 'EvtSerCx2SystemDmaReceiveConfigureDmaChannel'),
      cb('EVT_SERCX2_SYSTEM_DMA_RECEIVE_ENABLE_NEW_DATA_NOTIFICATION', 'EvtSerCx2SystemDmaReceiveEnableNewDataNotification'),
      cb('EVT_SERCX2_SYSTEM_DMA_RECEIVE_CANCEL_NEW_DATA_NOTIFICATION', 'EvtSerCx2SystemDmaReceiveCancelNewDataNotification'),
      cb('EVT_SERCX2_SYSTEM_DMA_TRANSMIT_INITIALIZE_TRANSACTION', 'EvtSerCx2SystemDmaTransmitInitializeTransaction'),
      cb('EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CLEANUP_TRANSACTION', 'EvtSerCx2SystemDmaTransmitCleanupTransaction'),
      cb('EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CONFIGURE_DMA_CHANNEL', 'EvtSerCx2SystemDmaTransmitConfigureDmaChannel'),
      cb('EVT_SERCX2_SYSTEM_DMA_TRANSMIT_DRAIN_FIFO', 'EvtSerCx2SystemDmaTransmitDrainFifo'),
      cb('EVT_SERCX2_SYSTEM_DMA_TRANSMIT_CANCEL_DRAIN_FIFO', 'EvtSerCx2SystemDmaTransmitCancelDrainFifo'),
      cb('EVT_SERCX2_SYSTEM_DMA_TRANSMIT_PURGE_FIFO', 'EvtSerCx2SystemDmaTransmitPurgeFifo'),
    ],
  },
  {
    title: 'SerCx2: custom receive and transmit',
    headers: 'sercx.h',
    module: 'sercx2',
    entries: [
      ...fns(`SERCX2_CUSTOM_RECEIVE_CONFIG_INIT SerCx2CustomReceiveCreate SERCX2_CUSTOM_RECEIVE_TRANSACTION_CONFIG_INIT
        SerCx2CustomReceiveTransactionCreate SerCx2CustomReceiveTransactionInitializeComplete SerCx2CustomReceiveTransactionCleanupComplete
        SerCx2CustomReceiveTransactionNewDataNotification SerCx2CustomReceiveTransactionReportProgress SERCX2_CUSTOM_TRANSMIT_CONFIG_INIT
        SerCx2CustomTransmitCreate SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CONFIG_INIT SerCx2CustomTransmitTransactionCreate
        SerCx2CustomTransmitTransactionInitializeComplete SerCx2CustomTransmitTransactionCleanupComplete`),
      cb('EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_INITIALIZE', 'EvtSerCx2CustomReceiveTransactionInitialize'),
      cb('EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_START', 'EvtSerCx2CustomReceiveTransactionStart'),
      cb('EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_CLEANUP', 'EvtSerCx2CustomReceiveTransactionCleanup'),
      cb('EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_ENABLE_NEW_DATA_NOTIFICATION', 'EvtSerCx2CustomReceiveTransactionEnableNewDataNotification'),
      cb('EVT_SERCX2_CUSTOM_RECEIVE_TRANSACTION_QUERY_PROGRESS', 'EvtSerCx2CustomReceiveTransactionQueryProgress'),
      cb('EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_INITIALIZE', 'EvtSerCx2CustomTransmitTransactionInitialize'),
      cb('EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_START', 'EvtSerCx2CustomTransmitTransactionStart'),
      cb('EVT_SERCX2_CUSTOM_TRANSMIT_TRANSACTION_CLEANUP', 'EvtSerCx2CustomTransmitTransactionCleanup'),
    ],
  },
  {
    title: 'HAL: the DMA adapter',
    headers: 'wdm.h (IoGetDmaAdapter, DMA_OPERATIONS version 3)',
    module: 'hal',
    entries: [
      ...fns('IoGetDmaAdapter'),
      ...members(`PutDmaAdapter AllocateCommonBuffer FreeCommonBuffer GetDmaAlignment ReadDmaCounter GetDmaAdapterInfo
        GetDmaTransferInfo InitializeDmaTransferContext AllocateAdapterChannelEx ConfigureAdapterChannel CancelAdapterChannel
        MapTransferEx FlushAdapterBuffersEx FreeAdapterChannel CancelMappedTransfer`),
      member('AllocateAdapterChannel', 'the version-1 call; the system-DMA path uses AllocateAdapterChannelEx'),
      member('MapTransfer', 'the version-1 call; use MapTransferEx'),
      member('FlushAdapterBuffers', 'the version-1 call; use FlushAdapterBuffersEx'),
      member('FreeMapRegisters', 'map registers are released with FreeAdapterChannel on the system-DMA path'),
      member('GetScatterGatherList', BUS_MASTER),
      member('PutScatterGatherList', BUS_MASTER),
      member('CalculateScatterGatherList', BUS_MASTER),
      member('BuildScatterGatherList', BUS_MASTER),
      member('BuildMdlFromScatterGatherList', BUS_MASTER),
      member('GetScatterGatherListEx', BUS_MASTER),
      member('BuildScatterGatherListEx', BUS_MASTER),
      member('AllocateCommonBufferEx', 'one common-buffer allocator (AllocateCommonBuffer); no preferred NUMA node or address limit'),
      member('AllocateCommonBufferWithBounds', 'see AllocateCommonBufferEx'),
      member('AllocateCommonBufferVector', 'common-buffer vectors are not modelled'),
      member('GetCommonBufferFromVectorByIndex', 'common-buffer vectors are not modelled'),
      member('FreeCommonBufferFromVector', 'common-buffer vectors are not modelled'),
      member('FreeCommonBufferVector', 'common-buffer vectors are not modelled'),
      member('CreateCommonBufferFromMdl', 'not modelled: allocate with AllocateCommonBuffer (or WdfCommonBufferCreate)'),
      member('FreeAdapterObject', 'PutDmaAdapter releases the adapter'),
      member('AllocateDomainCommonBuffer', 'DMA domains (IOMMU) are not modelled'),
      member('FlushDmaBuffer', 'DMA domains (IOMMU) are not modelled'),
      member('JoinDmaDomain', 'DMA domains (IOMMU) are not modelled'),
      member('LeaveDmaDomain', 'DMA domains (IOMMU) are not modelled'),
      member('GetDmaDomain', 'DMA domains (IOMMU) are not modelled'),
      cb('PDRIVER_CONTROL'),
      cb('PDMA_COMPLETION_ROUTINE'),
      cb('PDRIVER_LIST_CONTROL', undefined, BUS_MASTER),
    ],
  },
  {
    title: 'HAL: memory and MDLs',
    headers: 'wdm.h',
    module: 'hal',
    entries: [
      ...fns(`IoAllocateMdl IoFreeMdl IoBuildPartialMdl MmBuildMdlForNonPagedPool MmGetSystemAddressForMdlSafe MmGetMdlVirtualAddress
        MmGetMdlByteCount MmGetMdlByteOffset MmGetMdlPfnArray MmGetPhysicalAddress MmAllocateContiguousMemory MmFreeContiguousMemory
        MmAllocateNonCachedMemory MmFreeNonCachedMemory MmMapIoSpaceEx MmUnmapIoSpace ExAllocatePool2 ExFreePool ExFreePoolWithTag
        RtlCopyMemory RtlMoveMemory RtlZeroMemory RtlFillMemory`),
      fn('MmAllocateContiguousMemorySpecifyCache', 'no cache types are modelled: use MmAllocateContiguousMemory'),
      fn('MmMapIoSpace', 'use MmMapIoSpaceEx (the form with page protection)'),
      fn('MmProbeAndLockPages', 'no pageable memory: buffers are nonpaged (MmBuildMdlForNonPagedPool)'),
      fn('MmUnlockPages', 'see MmProbeAndLockPages'),
      fn('KeFlushIoBuffers', 'no CPU cache is modelled: nothing to flush'),
    ],
  },
  {
    title: 'HAL: registers',
    headers: 'wdm.h',
    module: 'hal',
    entries: fns(`READ_REGISTER_UCHAR READ_REGISTER_USHORT READ_REGISTER_ULONG READ_REGISTER_ULONG64 WRITE_REGISTER_UCHAR
      WRITE_REGISTER_USHORT WRITE_REGISTER_ULONG WRITE_REGISTER_ULONG64 READ_REGISTER_BUFFER_UCHAR READ_REGISTER_BUFFER_USHORT
      READ_REGISTER_BUFFER_ULONG READ_REGISTER_BUFFER_ULONG64 WRITE_REGISTER_BUFFER_UCHAR WRITE_REGISTER_BUFFER_USHORT
      WRITE_REGISTER_BUFFER_ULONG WRITE_REGISTER_BUFFER_ULONG64 READ_REGISTER_NOFENCE_UCHAR READ_REGISTER_NOFENCE_USHORT
      READ_REGISTER_NOFENCE_ULONG READ_REGISTER_NOFENCE_ULONG64 WRITE_REGISTER_NOFENCE_UCHAR WRITE_REGISTER_NOFENCE_USHORT
      WRITE_REGISTER_NOFENCE_ULONG WRITE_REGISTER_NOFENCE_ULONG64 READ_REGISTER_NOFENCE_BUFFER_UCHAR READ_REGISTER_NOFENCE_BUFFER_USHORT
      READ_REGISTER_NOFENCE_BUFFER_ULONG WRITE_REGISTER_NOFENCE_BUFFER_UCHAR WRITE_REGISTER_NOFENCE_BUFFER_USHORT
      WRITE_REGISTER_NOFENCE_BUFFER_ULONG KeMemoryBarrier KeMemoryBarrierWithoutFence`),
  },
  {
    title: 'HAL: IRQL, DPCs, timers, interrupts, time',
    headers: 'wdm.h',
    module: 'hal',
    entries: [
      ...fns(`KeGetCurrentIrql KeRaiseIrql KeLowerIrql KeInitializeSpinLock KeAcquireSpinLock KeReleaseSpinLock
        KeAcquireSpinLockAtDpcLevel KeReleaseSpinLockFromDpcLevel KeInitializeDpc KeInsertQueueDpc KeRemoveQueueDpc
        KeInitializeTimer KeInitializeTimerEx KeSetTimer KeSetTimerEx KeCancelTimer KeReadStateTimer IoConnectInterruptEx
        IoDisconnectInterruptEx KeAcquireInterruptSpinLock KeReleaseInterruptSpinLock KeSynchronizeExecution
        KeStallExecutionProcessor KeQueryInterruptTime KeQueryPerformanceCounter KeBugCheckEx`),
      cb('PKDEFERRED_ROUTINE'),
      cb('PKSERVICE_ROUTINE'),
      cb('PKSYNCHRONIZE_ROUTINE'),
    ],
  },
];
