using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace SpsPlugin.ApplianceDouble;

/// <summary>The faults a test switched on; one-shot faults are taken (and so cleared) by the request they hit.</summary>
internal sealed class FaultSwitch
{
    private readonly object _gate = new();
    private readonly List<DoubleFault> _faults = new();

    public void Set(DoubleFault fault)
    {
        lock (_gate)
        {
            _faults.RemoveAll(f => f.GetType() == fault.GetType());
            _faults.Add(fault);
        }
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    public Task DelayAsync()
    {
        TimeSpan? delay;
        lock (_gate) delay = _faults.OfType<SlowFault>().FirstOrDefault()?.Delay;
        return delay is null ? Task.CompletedTask : Task.Delay(delay.Value);
    }

    /// <summary>The injected answer for this request (FailNext for its path, else Flaky for a GET), or null.</summary>
    public ApiResult? TakeFailure(string path, string method)
    {
        lock (_gate)
        {
            var failNext = _faults.OfType<FailNextFault>().FirstOrDefault(f => string.Equals(f.Path, path, StringComparison.OrdinalIgnoreCase));
            if (failNext is not null)
            {
                _faults.Remove(failNext);
                return ApiResult.Error(failNext.Status, failNext.Code, $"Injected failure {failNext.Status} {failNext.Code}.", path);
            }
            var flaky = _faults.OfType<FlakyFault>().FirstOrDefault();
            if (flaky is null || method != "GET") return null;
            _faults.Remove(flaky);
            if (flaky.Count > 1) _faults.Add(flaky with { Count = flaky.Count - 1 });
            return ApiResult.Error(503, "ServiceUnavailable", "The appliance is busy; try again.", path);
        }
    }

    public DropConnectionFault? TakeDropConnection() => Take<DropConnectionFault>();

    public bool TakeDeployFail() => Take<DeployFailFault>() is not null;

    private T? Take<T>() where T : DoubleFault
    {
        lock (_gate)
        {
            var fault = _faults.OfType<T>().FirstOrDefault();
            if (fault is not null) _faults.Remove(fault);
            return fault;
        }
    }
}
