namespace MedOffice.Web.Scheduling;

public sealed record BookAppointmentRequest(int PatientId, int AppointmentTypeId, int LocationId, string? LocalStart, int? ProviderResourceId = null,
    IReadOnlyList<int>? ResourceIds = null, string? Note = null);

public sealed record RescheduleRequest(string? LocalStart, int? ProviderResourceId = null);

public sealed record CancelRequest(string? Reason);

public sealed record StatusRequest(string? Status);
