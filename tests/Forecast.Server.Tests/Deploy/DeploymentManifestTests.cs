using System.Text.Json;
using Forecast.Server.Caching;
using Forecast.Server.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;
using static Forecast.Server.Tests.Deploy.Manifest;

namespace Forecast.Server.Tests.Deploy;

/// <summary>
/// The deployment files checked without Docker or Kubernetes: YAML parses; the fields, probes, limits and
/// labels an operator relies on are present; image names, ports and the user agree across the Dockerfile,
/// compose, the Kubernetes base and the server's own configuration.
/// </summary>
public sealed class DeploymentManifestTests
{
    private const string ServerName = "forecast-server";
    private static readonly string K8s = RepositoryFiles.PathOf("deploy/k8s");

    private readonly Dockerfile _image = Dockerfile.Parse(RepositoryFiles.Read("deploy/docker/Dockerfile")).FinalStage();
    private readonly IReadOnlyList<Manifest> _manifests = Kustomization().SelectMany(file => Load(Path.Combine(K8s, file))).ToList();

    [Fact]
    public void Kustomization_Resources_ListEveryManifestFileAndExist()
    {
        var listed = Kustomization().ToHashSet();
        var present = Directory.GetFiles(K8s, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").ToHashSet();

        Assert.Equal(present.Order(), listed.Order()!);
    }

    [Fact]
    public void Manifests_Every_HasApiVersionKindNameAndNameLabel()
    {
        Assert.NotEmpty(_manifests);
        Assert.All(_manifests, m =>
        {
            Assert.False(string.IsNullOrWhiteSpace(m.Scalar("apiVersion")), m.File);
            Assert.False(string.IsNullOrWhiteSpace(m.Kind), m.File);
            Assert.False(string.IsNullOrWhiteSpace(m.Name), m.File);
            Assert.True(Map(m.Root, "metadata.labels").ContainsKey("app.kubernetes.io/name"), $"{m.File} {m.Name} lacks app.kubernetes.io/name");
        });
        Assert.Equal(
            new[] { "ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Secret", "Service" },
            _manifests.Select(m => m.Kind).Distinct().Order());
    }

    [Fact]
    public void Deployments_Every_SelectorMatchesPodLabelsAndContainersHaveProbesAndLimits()
    {
        foreach (var deployment in _manifests.Where(m => m.Kind == "Deployment"))
        {
            var selector = Map(deployment.Root, "spec.selector.matchLabels");
            var podLabels = Map(deployment.Root, "spec.template.metadata.labels");
            Assert.All(selector, pair => Assert.Equal(pair.Value, podLabels.GetValueOrDefault(pair.Key)));
            Assert.Equal("true", ScalarOf(deployment.Root, "spec.template.spec.securityContext.runAsNonRoot"));
            foreach (var container in Sequence(deployment.Root, "spec.template.spec.containers"))
            {
                foreach (var resource in new[] { "requests.cpu", "requests.memory", "limits.cpu", "limits.memory" })
                {
                    Assert.False(string.IsNullOrWhiteSpace(ScalarOf(container, $"resources.{resource}")), $"{deployment.Name}: {resource}");
                }
                Assert.NotNull(Find(container, "readinessProbe"));
                Assert.NotNull(Find(container, "livenessProbe"));
                Assert.Equal("false", ScalarOf(container, "securityContext.allowPrivilegeEscalation"));
            }
        }
    }

    [Fact]
    public void ServerDeployment_Probes_UseGrpcHealthOnTheGrpcPort()
    {
        var container = ServerContainer();
        var grpcPort = ContainerPort(container, "grpc");

        Assert.Equal(grpcPort.ToString(), ScalarOf(container, "livenessProbe.grpc.port"));
        Assert.Equal(grpcPort.ToString(), ScalarOf(container, "readinessProbe.grpc.port"));
        Assert.Equal(grpcPort.ToString(), ScalarOf(container, "startupProbe.grpc.port"));
        Assert.Equal("forecast.v1.ForecastService", ScalarOf(container, "readinessProbe.grpc.service"));
        // Liveness must not depend on the cache: its health name is separate (see CacheHealthCheck).
        Assert.Null(Find(container, "livenessProbe.grpc.service"));
        Assert.NotEqual(CachingServiceCollectionExtensions.HealthServiceName, ScalarOf(container, "readinessProbe.grpc.service"));
    }

    [Fact]
    public void ServerImage_PortsUserAndName_AgreeAcrossDockerfileComposeKubernetesAndAppSettings()
    {
        var kestrelPorts = KestrelPorts();
        var container = ServerContainer();
        var compose = Load(RepositoryFiles.PathOf("deploy/compose.yaml")).Single();
        var composePorts = Sequence(compose.Root, "services.forecast.ports").Select(p => ((YamlScalarNode)p).Value!.Split(':')[^1]).Select(int.Parse).Order();
        var podPorts = Sequence(container, "ports").Select(p => int.Parse(ScalarOf(p, "containerPort"))).Order();
        var imageName = _image.Label("org.opencontainers.image.title");

        Assert.Equal(kestrelPorts.Order(), _image.ExposedPorts().Order());
        Assert.Equal(kestrelPorts.Order(), podPorts);
        Assert.Equal(kestrelPorts.Order(), composePorts);
        Assert.Equal(ServerName, imageName);
        Assert.Equal(imageName, ScalarOf(container, "image").Split(':')[0]);
        Assert.Equal(imageName, ScalarOf(compose.Root, "services.forecast.image").Split(':')[0]);
        Assert.Contains(Sequence(Load(Path.Combine(K8s, "kustomization.yaml")).Single().Root, "images"), i => ScalarOf(i, "name") == imageName);
        var user = _image.All("USER").Single();
        Assert.NotEqual("0", user);
        Assert.Equal(user, ScalarOf(Deployment(ServerName).Root, "spec.template.spec.securityContext.runAsUser"));
        Assert.Equal(ContainerPort(container, "management").ToString(), Map(Deployment(ServerName).Root, "spec.template.metadata.annotations")["prometheus.io/port"]);
    }

    [Fact]
    public void ServerDeployment_ConfigurationReferences_ExistInConfigMapAndSecret()
    {
        var container = ServerContainer();
        var secret = _manifests.Single(m => m.Kind == "Secret");
        var secretKeys = Map(secret.Root, "stringData").Keys.ToHashSet();
        var envFrom = Sequence(container, "envFrom");

        Assert.Contains(envFrom, e => Find(e, "configMapRef.name") is YamlScalarNode { Value: var name } && _manifests.Any(m => m.Kind == "ConfigMap" && m.Name == name));
        Assert.Contains(envFrom, e => Find(e, "secretRef.name") is YamlScalarNode { Value: var name } && name == secret.Name);
        Assert.Contains(secretKeys, key => key.StartsWith("Security__ApiKeyHashes__", StringComparison.Ordinal));
        Assert.Equal("true", Map(_manifests.Single(m => m.Kind == "ConfigMap").Root, "data")["Security__RequireAuthentication"]);
        Assert.Contains("Caching__KeySecret", secretKeys);
        Assert.Contains("REDIS_PASSWORD", secretKeys);
        var env = Sequence(container, "env").ToDictionary(e => ScalarOf(e, "name"));
        Assert.StartsWith("forecast-redis:6379,", ScalarOf(env["Redis__Configuration"], "value"));
        Assert.Equal("REDIS_PASSWORD", ScalarOf(env["REDIS_PASSWORD"], "valueFrom.secretKeyRef.key"));
    }

    [Fact]
    public void Services_Selectors_MatchTheirDeploymentsAndTargetNamedPorts()
    {
        foreach (var service in _manifests.Where(m => m.Kind == "Service"))
        {
            var selector = Map(service.Root, "spec.selector");
            var deployment = _manifests.Single(m => m.Kind == "Deployment" && selector.All(s => Map(m.Root, "spec.template.metadata.labels").GetValueOrDefault(s.Key) == s.Value));
            var portNames = Sequence(deployment.Root, "spec.template.spec.containers").SelectMany(c => Sequence(c, "ports")).Select(p => ScalarOf(p, "name")).ToHashSet();
            Assert.All(Sequence(service.Root, "spec.ports"), port => Assert.Contains(ScalarOf(port, "targetPort"), portNames));
        }
    }

    [Fact]
    public void AutoscalerAndDisruptionBudget_Target_TheServerDeployment()
    {
        var hpa = _manifests.Single(m => m.Kind == "HorizontalPodAutoscaler");
        var pdb = _manifests.Single(m => m.Kind == "PodDisruptionBudget");
        var podLabels = Map(Deployment(ServerName).Root, "spec.template.metadata.labels");

        Assert.Equal(("Deployment", ServerName), (hpa.Scalar("spec.scaleTargetRef.kind"), hpa.Scalar("spec.scaleTargetRef.name")));
        Assert.True(int.Parse(hpa.Scalar("spec.minReplicas")) >= 2, "at least two replicas, so one can be disrupted");
        Assert.All(Map(pdb.Root, "spec.selector.matchLabels"), pair => Assert.Equal(pair.Value, podLabels.GetValueOrDefault(pair.Key)));
    }

    [Fact]
    public void Compose_Services_HaveHealthChecksAndNoVolumes()
    {
        var compose = Load(RepositoryFiles.PathOf("deploy/compose.yaml")).Single();
        var services = (YamlMappingNode)compose.Find("services")!;

        Assert.Equal(new[] { "forecast", "redis" }, services.Children.Keys.Select(k => ((YamlScalarNode)k).Value).Order());
        Assert.All(services.Children.Values, service => Assert.NotNull(Find(service, "healthcheck.test")));
        Assert.All(services.Children.Values, service => Assert.Null(Find(service, "volumes")));
        Assert.Null(compose.Find("volumes"));
        Assert.Equal("service_healthy", compose.Scalar("services.forecast.depends_on.redis.condition"));
        Assert.Equal("deploy/docker/Dockerfile", compose.Scalar("services.forecast.build.dockerfile"));
    }

    [Fact]
    public void Dockerfile_Image_IsMultiStageNonRootWithHealthCheckOnTheManagementPort()
    {
        var whole = Dockerfile.Parse(RepositoryFiles.Read("deploy/docker/Dockerfile"));
        var managementPort = KestrelPorts().Max();

        Assert.True(whole.All("FROM").Count() >= 2, "multi-stage");
        Assert.Contains("runtime", _image.All("FROM").Single(), StringComparison.Ordinal);
        Assert.Matches("^[1-9][0-9]*$", _image.All("USER").Single());
        Assert.Contains($"127.0.0.1:{managementPort}/healthz", _image.All("HEALTHCHECK").Single(), StringComparison.Ordinal);
        Assert.Equal("[\"dotnet\", \"Forecast.Server.dll\"]", _image.All("ENTRYPOINT").Single());
    }

    private static IEnumerable<string> Kustomization() =>
        Sequence(Load(Path.Combine(K8s, "kustomization.yaml")).Single().Root, "resources").Select(r => ((YamlScalarNode)r).Value!);

    private Manifest Deployment(string name) => _manifests.Single(m => m.Kind == "Deployment" && m.Name == name);

    private YamlNode ServerContainer() => Sequence(Deployment(ServerName).Root, "spec.template.spec.containers").Single();

    private static int ContainerPort(YamlNode container, string name) =>
        int.Parse(ScalarOf(Sequence(container, "ports").Single(p => ScalarOf(p, "name") == name), "containerPort"));

    /// <summary>The ports of the server's Kestrel endpoints in appsettings.json.</summary>
    private static IReadOnlyList<int> KestrelPorts()
    {
        using var settings = JsonDocument.Parse(RepositoryFiles.Read("src/Forecast.Server/appsettings.json"));
        return settings.RootElement.GetProperty("Kestrel").GetProperty("Endpoints").EnumerateObject()
            .Select(endpoint => new Uri(endpoint.Value.GetProperty("Url").GetString()!.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port)
            .ToList();
    }
}
