using CmaActors.Memory.Frames;

namespace CmaActors.Memory.Tests.Frames;

public class MigrateTypesTests
{
    [Theory]
    [InlineData(MigrateType.Unmovable, "an Unmovable")]
    [InlineData(MigrateType.Movable, "a Movable")]
    [InlineData(MigrateType.Reclaimable, "a Reclaimable")]
    [InlineData(MigrateType.HighAtomic, "a HighAtomic")]
    [InlineData(MigrateType.Cma, "a CMA")]
    [InlineData(MigrateType.Isolate, "an Isolate")]
    public void Audit_sentences_put_the_right_article_before_a_migratetype(MigrateType mt, string expected) =>
        Assert.Equal(expected, MigrateTypes.KernelNameWithArticle(mt));
}
